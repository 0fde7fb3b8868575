/** Types of `preview-bucket.js`, shared by the build and the site's preview script. */

/** The bucket of the document at `slug`, out of `buckets`. */
export function bucketOf(slug: string, buckets: number): number
