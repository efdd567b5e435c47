#include "CCurl.h"
#include <CLazyLibrary.h>
#include <pthread.h>

#define KILN_CURL_FUNCTIONS(X) \
    X(CURLcode, curl_global_init, (long flags), (flags), CURLE_FAILED_INIT) \
    X(CURL *, curl_easy_init, (void), (), NULL) \
    X(const char *, curl_easy_strerror, (CURLcode code), (code), kiln_curl_load_error()) \
    X(CURLM *, curl_multi_init, (void), (), NULL) \
    X(CURLMcode, curl_multi_cleanup, (CURLM *m), (m), CURLM_INTERNAL_ERROR) \
    X(CURLMcode, curl_multi_add_handle, (CURLM *m, CURL *h), (m, h), CURLM_INTERNAL_ERROR) \
    X(CURLMcode, curl_multi_remove_handle, (CURLM *m, CURL *h), (m, h), CURLM_INTERNAL_ERROR) \
    X(CURLMcode, curl_multi_perform, (CURLM *m, int *r), (m, r), CURLM_INTERNAL_ERROR) \
    X(CURLMcode, curl_multi_poll, (CURLM *m, struct curl_waitfd *e, unsigned int n, int t, int *r), (m, e, n, t, r), CURLM_INTERNAL_ERROR) \
    X(CURLMcode, curl_multi_wakeup, (CURLM *m), (m), CURLM_INTERNAL_ERROR) \
    X(CURLMsg *, curl_multi_info_read, (CURLM *m, int *q), (m, q), NULL) \
    X(struct curl_slist *, curl_slist_append, (struct curl_slist *l, const char *s), (l, s), NULL)

// Void functions, and the variadic ones (called below with one typed argument each).
#define KILN_CURL_OTHER_FUNCTIONS(X) \
    X(curl_easy_cleanup, (CURL *h), (h)) \
    X(curl_slist_free_all, (struct curl_slist *l), (l)) \
    X(curl_easy_setopt) \
    X(curl_easy_getinfo) \
    X(curl_multi_setopt)

enum { KILN_CURL_FUNCTIONS(KILN_LAZY_SLOT) KILN_CURL_OTHER_FUNCTIONS(KILN_LAZY_VOID_SLOT) KILN_CURL_SLOTS };
static const char *const names[] = { KILN_CURL_FUNCTIONS(KILN_LAZY_NAME) KILN_CURL_OTHER_FUNCTIONS(KILN_LAZY_VOID_NAME) };
static void *slots[KILN_CURL_SLOTS];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char load_error_text[512];
static const char *load_error;

static void load(void) {
    int loaded = kiln_lazy_library_open("libcurl.so.4", "libcurl4", names, slots, KILN_CURL_SLOTS,
                                        load_error_text, sizeof load_error_text);
    load_error = loaded ? NULL : load_error_text;
}

const char *kiln_curl_load_error(void) {
    pthread_once(&once, load);
    return load_error;
}

#define WRAPPER(...) KILN_LAZY_WRAPPER(kiln_curl_load_error, slots, __VA_ARGS__)
KILN_CURL_FUNCTIONS(WRAPPER)
KILN_LAZY_VOID_WRAPPER(kiln_curl_load_error, slots, curl_easy_cleanup, (CURL *h), (h))
KILN_LAZY_VOID_WRAPPER(kiln_curl_load_error, slots, curl_slist_free_all, (struct curl_slist *l), (l))

#define SETOPT(...) (kiln_curl_load_error() != NULL ? CURLE_FAILED_INIT : KILN_LAZY_FUNCTION(slots, curl_easy_setopt)(__VA_ARGS__))
#define GETINFO(...) (kiln_curl_load_error() != NULL ? CURLE_FAILED_INIT : KILN_LAZY_FUNCTION(slots, curl_easy_getinfo)(__VA_ARGS__))
CURLcode kiln_curl_setopt_long(CURL *h, CURLoption o, long v) { return SETOPT(h, o, v); }
CURLcode kiln_curl_setopt_ptr(CURL *h, CURLoption o, const void *v) { return SETOPT(h, o, v); }
CURLcode kiln_curl_setopt_str(CURL *h, CURLoption o, const char *v) { return SETOPT(h, o, v); }
CURLcode kiln_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return SETOPT(h, o, v); }
CURLcode kiln_curl_setopt_write(CURL *h, size_t (*f)(char *, size_t, size_t, void *)) { return SETOPT(h, CURLOPT_WRITEFUNCTION, f); }
CURLcode kiln_curl_setopt_header(CURL *h, size_t (*f)(char *, size_t, size_t, void *)) { return SETOPT(h, CURLOPT_HEADERFUNCTION, f); }
CURLcode kiln_curl_setopt_xferinfo(CURL *h, int (*f)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t)) {
    return SETOPT(h, CURLOPT_XFERINFOFUNCTION, f);
}
CURLcode kiln_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return GETINFO(h, i, v); }
CURLcode kiln_curl_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return GETINFO(h, i, v); }
CURLcode kiln_curl_getinfo_str(CURL *h, CURLINFO i, char **v) { return GETINFO(h, i, v); }
CURLcode kiln_curl_getinfo_ptr(CURL *h, CURLINFO i, void **v) { return GETINFO(h, i, v); }
CURLMcode kiln_curl_multi_setopt_long(CURLM *m, CURLMoption o, long v) {
    return kiln_curl_load_error() != NULL ? CURLM_INTERNAL_ERROR : KILN_LAZY_FUNCTION(slots, curl_multi_setopt)(m, o, v);
}
