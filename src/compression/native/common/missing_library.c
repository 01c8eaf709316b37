/* Stand-in addon built when liblzma's headers were missing at build time: loading it throws a message that
 * says what to install, and ts314 reports the codec as unavailable. */
#include <node_api.h>

static napi_value init(napi_env env, napi_value exports) {
  (void)exports;
  napi_throw_error(env, "UNAVAILABLE",
                   "built without <lzma.h> (Debian: liblzma-dev); install it, then run `npm rebuild ts314`");
  return NULL;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
