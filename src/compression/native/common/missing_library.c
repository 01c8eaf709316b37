/* Stand-in addon built when a codec's system library headers were missing at install time: loading it
 * throws a message that says what to install, and ts314 reports the codec as unavailable. */
#include <node_api.h>

#if defined(TS314_NEEDS_BZ2)
#define TS314_MISSING "<bzlib.h> (Debian: libbz2-dev)"
#elif defined(TS314_NEEDS_LZMA)
#define TS314_MISSING "<lzma.h> (Debian: liblzma-dev)"
#else
#define TS314_MISSING "the codec library"
#endif

static napi_value init(napi_env env, napi_value exports) {
  (void)exports;
  napi_throw_error(env, "UNAVAILABLE",
                   "built without " TS314_MISSING "; install it and run `npx node-gyp rebuild` in the ts314 package");
  return NULL;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
