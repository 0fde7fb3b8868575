/** The persistent build cache's folder, in the working directory (ignored by git, safe to delete). */
export const cacheFolderName = '.quire-cache'
