// tools/reference/keras/esm_resolve.mjs: lets Node load one file of tfjs-layers' ES module build
// (layers/nlp/multihead_attention.js, which the tfjs bundle leaves out): that build imports its
// siblings without the ".js" Node needs. Registered by merging.mjs before it imports the file.
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (specifier.startsWith('.') && !specifier.endsWith('.js')) return next(`${specifier}.js`, context);
    throw error;
  }
}
