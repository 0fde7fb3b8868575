/** The config file names quire looks for in the notes folder, in order. */
export const configFileNames = ['quire.config.yaml', 'quire.config.yml', 'quire.config.json'] as const
