/* Shared N-API plumbing for ts314's streaming codec addons (bz2, lzma, zstd's contexts): one "run" that
 * drives a codec step function over an input buffer with an output cap, synchronously or on the libuv pool. */
#ifndef TS314_CODEC_STREAM_H
#define TS314_CODEC_STREAM_H

#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { STEP_OK = 0, STEP_END = 1, STEP_ERROR = 2, STEP_STALLED = 3 };

typedef struct codec_step_result {
  size_t in_used;
  size_t out_used;
  const char *err_code; /* stable code for the TypeScript layer: CORRUPT, FORMAT, MEMORY_LIMIT … */
  const char *err_msg;
  int lib_code;         /* the library's own error number, passed on as `libCode` (0: none) */
  int recoverable;      /* the codec reset itself after this error, so the handle stays usable */
} codec_step_result;

/* `finish` is what JavaScript passed: a boolean (0/1) for codecs that only know "more input follows" and
 * "this is the end", or a number for codecs with more directives (zstd's continue/flush/end). */
typedef int (*codec_step_fn)(void *state, const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len,
                             int finish, codec_step_result *res);
typedef void (*codec_free_fn)(void *state);
/* Optional, called once as each run starts: the output capacity it starts with, for codecs whose speed depends on it (zstd decodes a
 * whole frame in one pass, without its window buffers, only when the output can hold the frame). */
typedef size_t (*codec_capacity_fn)(void *state, size_t in_len, int finish);

typedef struct codec_handle {
  void *state;
  codec_step_fn step;
  codec_free_fn free_state;
  codec_capacity_fn capacity; /* NULL: cs_initial_capacity's guess */
  int copy_out;               /* results are copied into V8-owned Buffers instead of adopted as external ones */
  uint8_t *scratch;           /* copy_out: the output buffer, kept and reused by every run of this handle */
  size_t scratch_cap;
  int busy;   /* an async run owns the state; a second caller must not touch it */
  int failed; /* codec state is undefined after an error, so the handle refuses more work */
  int ended;
} codec_handle;

typedef struct codec_run {
  codec_handle *h;
  const uint8_t *in;
  size_t in_len;
  int finish;
  size_t max_out;
  uint8_t *out;
  size_t out_len;
  size_t out_cap; /* set when the loop grew `out` */
  size_t consumed;
  int eof;
  int limited; /* output reached max_out while the codec still had more to give */
  const char *err_code;
  const char *err_msg;
  int lib_code;
  /* async only */
  napi_ref input_ref;
  napi_ref callback_ref;
  napi_ref handle_ref;
  napi_async_work work;
} codec_run;

#define CS_CALL(env, call)                                                              \
  do {                                                                                  \
    if ((call) != napi_ok) {                                                            \
      napi_throw_error((env), "ERR_TS314_NAPI", "ts314 codec addon: N-API call failed"); \
      return NULL;                                                                      \
    }                                                                                   \
  } while (0)

/* Output grows geometrically from a guess so small outputs stay cheap and large ones take few reallocs. */
static size_t cs_initial_capacity(size_t in_len, size_t max_out) {
  size_t cap = in_len < 16384 ? 65536 : in_len * 2;
  if (cap > max_out) cap = max_out;
  if (cap == 0) cap = 1;
  return cap;
}

static void cs_execute_loop(codec_run *r, size_t cap);

static void cs_execute_run(codec_run *r) {
  codec_handle *h = r->h;
  size_t cap = cs_initial_capacity(r->in_len, r->max_out);
  if (h->capacity) {
    cap = h->capacity(h->state, r->in_len, r->finish);
    if (cap > r->max_out) cap = r->max_out;
    if (cap == 0) cap = 1;
  }
  if (h->copy_out && h->scratch_cap >= cap) {
    /* A reused buffer: no allocation per chunk, and freed memory never piles up in the heap. */
    cap = h->scratch_cap < r->max_out ? h->scratch_cap : r->max_out;
    r->out = h->scratch;
  } else {
    r->out = (uint8_t *)(h->copy_out ? realloc(h->scratch, cap) : malloc(cap));
    if (!r->out) {
      r->err_code = "NO_MEMORY";
      r->err_msg = "out of memory allocating the output buffer";
      if (h->copy_out) r->out = h->scratch;
      return;
    }
    if (h->copy_out) {
      h->scratch = r->out;
      h->scratch_cap = cap;
    }
  }
  cs_execute_loop(r, cap);
  if (h->copy_out) {
    h->scratch = r->out; /* growing may have moved it */
    if (r->out_cap > h->scratch_cap) h->scratch_cap = r->out_cap;
  }
}

static void cs_execute_loop(codec_run *r, size_t cap) {
  for (;;) {
    if (r->out_len == cap) {
      if (cap >= r->max_out) {
        r->limited = 1;
        break;
      }
      size_t next = cap > r->max_out / 2 ? r->max_out : cap * 2;
      uint8_t *grown = (uint8_t *)realloc(r->out, next);
      if (!grown) {
        r->err_code = "NO_MEMORY";
        r->err_msg = "out of memory growing the output buffer";
        return;
      }
      r->out = grown;
      r->out_cap = cap = next;
    }
    codec_step_result res = {0, 0, NULL, NULL, 0, 0};
    int status = r->h->step(r->h->state, r->in + r->consumed, r->in_len - r->consumed, r->out + r->out_len,
                            cap - r->out_len, r->finish, &res);
    r->consumed += res.in_used;
    r->out_len += res.out_used;
    if (status == STEP_ERROR) {
      r->err_code = res.err_code;
      r->err_msg = res.err_msg;
      r->lib_code = res.lib_code;
      if (!res.recoverable) r->h->failed = 1;
      return;
    }
    if (status == STEP_END) {
      r->eof = 1;
      r->h->ended = 1;
      break;
    }
    int out_full = r->out_len == cap;
    if (out_full) continue;
    /* Output space is left, so the codec stopped for want of input (or made no progress at all). */
    if (status == STEP_STALLED || (res.in_used == 0 && res.out_used == 0)) break;
    if (!r->finish && r->consumed == r->in_len) break;
  }
}

static void cs_free_out(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  free(data);
}

static napi_value cs_make_error(napi_env env, const char *code, const char *msg, int lib_code) {
  napi_value js_code, js_msg, err, v;
  napi_create_string_utf8(env, code ? code : "ERROR", NAPI_AUTO_LENGTH, &js_code);
  napi_create_string_utf8(env, msg ? msg : "codec error", NAPI_AUTO_LENGTH, &js_msg);
  napi_create_error(env, js_code, js_msg, &err);
  napi_create_int32(env, lib_code, &v);
  napi_set_named_property(env, err, "libCode", v);
  return err;
}

/* [output Buffer, bytes of input consumed, eof, limited] */
static napi_value cs_result_value(napi_env env, codec_run *r) {
  napi_value out, arr, v;
  uint8_t *data = r->out;
  size_t len = r->out_len;
  r->out = NULL;
  if (r->h->copy_out) {
    /* `data` is the handle's scratch buffer: copied, never freed here. */
    CS_CALL(env, napi_create_buffer_copy(env, len, len ? data : (const uint8_t *)"", NULL, &out));
  } else if (len == 0) {
    free(data);
    CS_CALL(env, napi_create_buffer(env, 0, NULL, &out));
  } else {
    uint8_t *shrunk = (uint8_t *)realloc(data, len);
    if (shrunk) data = shrunk;
    napi_status st = napi_create_external_buffer(env, len, data, cs_free_out, NULL, &out);
    if (st != napi_ok) {
      /* Runtimes that forbid external buffers get a copy. */
      st = napi_create_buffer_copy(env, len, data, NULL, &out);
      free(data);
      CS_CALL(env, st);
    }
  }
  CS_CALL(env, napi_create_array_with_length(env, 4, &arr));
  CS_CALL(env, napi_set_element(env, arr, 0, out));
  CS_CALL(env, napi_create_double(env, (double)r->consumed, &v));
  CS_CALL(env, napi_set_element(env, arr, 1, v));
  CS_CALL(env, napi_get_boolean(env, r->eof, &v));
  CS_CALL(env, napi_set_element(env, arr, 2, v));
  CS_CALL(env, napi_get_boolean(env, r->limited, &v));
  CS_CALL(env, napi_set_element(env, arr, 3, v));
  return arr;
}

static void cs_handle_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  codec_handle *h = (codec_handle *)data;
  if (h->state) h->free_state(h->state);
  free(h->scratch);
  free(h);
}

/* cs_wrap_handle with a capacity function and/or copied results, for codecs tuned to them (zstd). */
static napi_value cs_wrap_handle_sized(napi_env env, void *state, codec_step_fn step, codec_free_fn free_state,
                                       codec_capacity_fn capacity, int copy_out) {
  codec_handle *h = (codec_handle *)calloc(1, sizeof(codec_handle));
  if (!h) {
    free_state(state);
    napi_throw_error(env, "NO_MEMORY", "out of memory");
    return NULL;
  }
  h->state = state;
  h->step = step;
  h->free_state = free_state;
  h->capacity = capacity;
  h->copy_out = copy_out;
  napi_value ext;
  if (napi_create_external(env, h, cs_handle_finalize, NULL, &ext) != napi_ok) {
    cs_handle_finalize(env, h, NULL);
    napi_throw_error(env, "ERR_TS314_NAPI", "could not wrap codec state");
    return NULL;
  }
  return ext;
}

static inline napi_value cs_wrap_handle(napi_env env, void *state, codec_step_fn step, codec_free_fn free_state) {
  return cs_wrap_handle_sized(env, state, step, free_state, NULL, 0);
}

/* Validates (handle, input, finish, maxOut[, callback]) and fills a run. Returns 0 after throwing. */
static int cs_prepare(napi_env env, napi_callback_info info, size_t want, napi_value *argv, codec_run *r) {
  size_t argc = want;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < want) {
    napi_throw_type_error(env, "ERR_TS314_ARGS", "run(handle, input, finish, maxOut[, callback])");
    return 0;
  }
  codec_handle *h;
  if (napi_get_value_external(env, argv[0], (void **)&h) != napi_ok) {
    napi_throw_type_error(env, "ERR_TS314_ARGS", "not a codec handle");
    return 0;
  }
  if (h->busy) {
    napi_throw_error(env, "BUSY", "this codec is already running an operation");
    return 0;
  }
  if (h->failed) {
    napi_throw_error(env, "FAILED", "this codec failed earlier and cannot be used again");
    return 0;
  }
  void *data = NULL;
  size_t len = 0;
  bool is_typed;
  napi_is_typedarray(env, argv[1], &is_typed);
  if (is_typed) {
    napi_typedarray_type type;
    size_t length, offset;
    napi_value ab;
    napi_get_typedarray_info(env, argv[1], &type, &length, &data, &ab, &offset);
    if (type != napi_uint8_array) {
      napi_throw_type_error(env, "ERR_TS314_ARGS", "input must be a Uint8Array");
      return 0;
    }
    len = length;
  } else {
    napi_throw_type_error(env, "ERR_TS314_ARGS", "input must be a Uint8Array");
    return 0;
  }
  bool finish_flag;
  int32_t finish = 0;
  double max_out;
  if (napi_get_value_bool(env, argv[2], &finish_flag) == napi_ok)
    finish = finish_flag;
  else if (napi_get_value_int32(env, argv[2], &finish) != napi_ok)
    finish = -1;
  if (finish < 0 || napi_get_value_double(env, argv[3], &max_out) != napi_ok) {
    napi_throw_type_error(env, "ERR_TS314_ARGS", "finish must be a boolean or a non-negative directive, and maxOut a number");
    return 0;
  }
  memset(r, 0, sizeof(*r));
  r->h = h;
  r->in = (const uint8_t *)(data ? data : "");
  r->in_len = len;
  r->finish = finish;
  r->max_out = max_out >= 9007199254740991.0 ? SIZE_MAX : (max_out < 1 ? 1 : (size_t)max_out);
  return 1;
}

static napi_value cs_run_sync(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  codec_run r;
  if (!cs_prepare(env, info, 4, argv, &r)) return NULL;
  cs_execute_run(&r);
  if (r.err_code) {
    if (!r.h->copy_out) free(r.out);
    napi_throw(env, cs_make_error(env, r.err_code, r.err_msg, r.lib_code));
    return NULL;
  }
  return cs_result_value(env, &r);
}

static void cs_async_execute(napi_env env, void *data) {
  (void)env;
  cs_execute_run((codec_run *)data);
}

static void cs_async_complete(napi_env env, napi_status status, void *data) {
  codec_run *r = (codec_run *)data;
  r->h->busy = 0;
  napi_value cb, global, args[2];
  napi_get_reference_value(env, r->callback_ref, &cb);
  napi_get_global(env, &global);
  if (status != napi_ok) {
    args[0] = cs_make_error(env, "CANCELLED", "codec operation was cancelled", 0);
    napi_get_undefined(env, &args[1]);
  } else if (r->err_code) {
    args[0] = cs_make_error(env, r->err_code, r->err_msg, r->lib_code);
    napi_get_undefined(env, &args[1]);
  } else {
    napi_get_null(env, &args[0]);
    args[1] = cs_result_value(env, r);
  }
  if (!r->h->copy_out) free(r->out);
  napi_delete_reference(env, r->input_ref);
  napi_delete_reference(env, r->callback_ref);
  napi_delete_reference(env, r->handle_ref);
  napi_delete_async_work(env, r->work);
  free(r);
  napi_call_function(env, global, cb, 2, args, NULL);
}

static napi_value cs_run_async(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  codec_run *r = (codec_run *)malloc(sizeof(codec_run));
  if (!r) {
    napi_throw_error(env, "NO_MEMORY", "out of memory");
    return NULL;
  }
  if (!cs_prepare(env, info, 5, argv, r)) {
    free(r);
    return NULL;
  }
  napi_valuetype cb_type;
  napi_typeof(env, argv[4], &cb_type);
  if (cb_type != napi_function) {
    free(r);
    napi_throw_type_error(env, "ERR_TS314_ARGS", "callback must be a function");
    return NULL;
  }
  /* The references keep the input bytes and the codec state alive while a pool thread reads them. */
  napi_create_reference(env, argv[1], 1, &r->input_ref);
  napi_create_reference(env, argv[4], 1, &r->callback_ref);
  napi_create_reference(env, argv[0], 1, &r->handle_ref);
  napi_value name;
  napi_create_string_utf8(env, "ts314:codec", NAPI_AUTO_LENGTH, &name);
  if (napi_create_async_work(env, NULL, name, cs_async_execute, cs_async_complete, r, &r->work) != napi_ok ||
      napi_queue_async_work(env, r->work) != napi_ok) {
    napi_delete_reference(env, r->input_ref);
    napi_delete_reference(env, r->callback_ref);
    napi_delete_reference(env, r->handle_ref);
    free(r);
    napi_throw_error(env, "ERR_TS314_NAPI", "could not queue codec work");
    return NULL;
  }
  r->h->busy = 1;
  return NULL;
}

static inline void cs_export_fn(napi_env env, napi_value exports, const char *name, napi_callback fn) {
  napi_value f;
  napi_create_function(env, name, NAPI_AUTO_LENGTH, fn, NULL, &f);
  napi_set_named_property(env, exports, name, f);
}

static inline void cs_export_str(napi_env env, napi_value exports, const char *name, const char *value) {
  napi_value v;
  napi_create_string_utf8(env, value, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, exports, name, v);
}

static inline int cs_get_int(napi_env env, napi_value v, int64_t *out) {
  return napi_get_value_int64(env, v, out) == napi_ok;
}

#endif
