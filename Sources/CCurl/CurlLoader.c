#include "CCurl.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// Every function kiln calls: (return type, name, parameters, arguments, value when unloaded).
#define KILN_CURL_FUNCTIONS(X) \
    X(CURLcode, curl_global_init, (long flags), (flags), CURLE_FAILED_INIT) \
    X(CURL *, curl_easy_init, (void), (), NULL) \
    X(const char *, curl_easy_strerror, (CURLcode code), (code), load_error) \
    X(CURLM *, curl_multi_init, (void), (), NULL) \
    X(CURLMcode, curl_multi_cleanup, (CURLM *m), (m), CURLM_INTERNAL_ERROR) \
    X(CURLMcode, curl_multi_add_handle, (CURLM *m, CURL *h), (m, h), CURLM_INTERNAL_ERROR) \
    X(CURLMcode, curl_multi_remove_handle, (CURLM *m, CURL *h), (m, h), CURLM_INTERNAL_ERROR) \
    X(CURLMcode, curl_multi_perform, (CURLM *m, int *r), (m, r), CURLM_INTERNAL_ERROR) \
    X(CURLMcode, curl_multi_poll, (CURLM *m, struct curl_waitfd *e, unsigned int n, int t, int *r), (m, e, n, t, r), CURLM_INTERNAL_ERROR) \
    X(CURLMcode, curl_multi_wakeup, (CURLM *m), (m), CURLM_INTERNAL_ERROR) \
    X(CURLMsg *, curl_multi_info_read, (CURLM *m, int *q), (m, q), NULL) \
    X(struct curl_slist *, curl_slist_append, (struct curl_slist *l, const char *s), (l, s), NULL)

#define KILN_CURL_VOID_FUNCTIONS(X) \
    X(curl_easy_cleanup, (CURL *h), (h)) \
    X(curl_slist_free_all, (struct curl_slist *l), (l))

// The variadic ones, resolved by name and called with one typed argument each.
#define KILN_CURL_VARIADIC_FUNCTIONS(X) \
    X(curl_easy_setopt) \
    X(curl_easy_getinfo) \
    X(curl_multi_setopt)

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *load_error = "libcurl is not loaded";
static char load_error_text[512];

#define DECLARE_POINTER(ret, name, params, args, ...) static __typeof__(&name) p_##name;
#define DECLARE_OTHER_POINTER(name, ...) static __typeof__(&name) p_##name;
KILN_CURL_FUNCTIONS(DECLARE_POINTER)
KILN_CURL_VOID_FUNCTIONS(DECLARE_OTHER_POINTER)
KILN_CURL_VARIADIC_FUNCTIONS(DECLARE_OTHER_POINTER)

static void load(void) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(load_error_text, sizeof load_error_text,
                 "cannot load libcurl (%s); install it (apt-get install libcurl4)", dlerror());
        load_error = load_error_text;
        return;
    }
    int missing = 0;
#define RESOLVE(name) \
    if ((p_##name = (__typeof__(&name))dlsym(library, #name)) == NULL && !missing) { \
        missing = 1; \
        snprintf(load_error_text, sizeof load_error_text, "libcurl has no %s; it is too old for kiln", #name); \
    }
#define RESOLVE_FUNCTION(ret, name, ...) RESOLVE(name)
#define RESOLVE_OTHER_FUNCTION(name, ...) RESOLVE(name)
    KILN_CURL_FUNCTIONS(RESOLVE_FUNCTION)
    KILN_CURL_VOID_FUNCTIONS(RESOLVE_OTHER_FUNCTION)
    KILN_CURL_VARIADIC_FUNCTIONS(RESOLVE_OTHER_FUNCTION)
    load_error = missing ? load_error_text : NULL;
}

const char *kiln_curl_load_error(void) {
    pthread_once(&once, load);
    return load_error;
}

#define DEFINE_WRAPPER(ret, name, params, args, unloaded) \
    ret kiln_##name params { \
        if (kiln_curl_load_error() != NULL) return unloaded; \
        return p_##name args; \
    }
#define DEFINE_VOID_WRAPPER(name, params, args) \
    void kiln_##name params { \
        if (kiln_curl_load_error() == NULL) p_##name args; \
    }
KILN_CURL_FUNCTIONS(DEFINE_WRAPPER)
KILN_CURL_VOID_FUNCTIONS(DEFINE_VOID_WRAPPER)

#define EASY(call) (kiln_curl_load_error() != NULL ? CURLE_FAILED_INIT : (call))
CURLcode kiln_curl_setopt_long(CURL *h, CURLoption o, long v) { return EASY(p_curl_easy_setopt(h, o, v)); }
CURLcode kiln_curl_setopt_ptr(CURL *h, CURLoption o, const void *v) { return EASY(p_curl_easy_setopt(h, o, v)); }
CURLcode kiln_curl_setopt_str(CURL *h, CURLoption o, const char *v) { return EASY(p_curl_easy_setopt(h, o, v)); }
CURLcode kiln_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return EASY(p_curl_easy_setopt(h, o, v)); }
CURLcode kiln_curl_setopt_write(CURL *h, size_t (*f)(char *, size_t, size_t, void *)) {
    return EASY(p_curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, f));
}
CURLcode kiln_curl_setopt_header(CURL *h, size_t (*f)(char *, size_t, size_t, void *)) {
    return EASY(p_curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, f));
}
CURLcode kiln_curl_setopt_xferinfo(CURL *h, int (*f)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t)) {
    return EASY(p_curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f));
}
CURLcode kiln_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return EASY(p_curl_easy_getinfo(h, i, v)); }
CURLcode kiln_curl_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return EASY(p_curl_easy_getinfo(h, i, v)); }
CURLcode kiln_curl_getinfo_str(CURL *h, CURLINFO i, char **v) { return EASY(p_curl_easy_getinfo(h, i, v)); }
CURLcode kiln_curl_getinfo_ptr(CURL *h, CURLINFO i, void **v) { return EASY(p_curl_easy_getinfo(h, i, v)); }
CURLMcode kiln_curl_multi_setopt_long(CURLM *m, CURLMoption o, long v) {
    return kiln_curl_load_error() != NULL ? CURLM_INTERNAL_ERROR : p_curl_multi_setopt(m, o, v);
}
