#ifndef KILN_CCURL_H
#define KILN_CCURL_H
// libcurl, loaded on first use rather than at startup: it brings some thirty libraries with it
// (gnutls, krb5, ldap, ...) whose relocations cost every kiln command milliseconds, and commands
// that never reach the network (venv, python, a cached install) should not pay for them.
// Types and constants come from curl's own headers; every call goes through these kiln_
// functions, which load the library once and fail (NULL, CURLE_FAILED_INIT) without it.
// curl_easy_setopt/getinfo are variadic, which Swift cannot call: typed wrappers stand in.
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

/// NULL once libcurl is loaded; otherwise why it could not be (loading is tried on first call).
const char *kiln_curl_load_error(void);

CURLcode kiln_curl_global_init(long flags);
CURL *kiln_curl_easy_init(void);
void kiln_curl_easy_cleanup(CURL *handle);
const char *kiln_curl_easy_strerror(CURLcode code);
CURLM *kiln_curl_multi_init(void);
CURLMcode kiln_curl_multi_cleanup(CURLM *multi);
CURLMcode kiln_curl_multi_add_handle(CURLM *multi, CURL *handle);
CURLMcode kiln_curl_multi_remove_handle(CURLM *multi, CURL *handle);
CURLMcode kiln_curl_multi_perform(CURLM *multi, int *running);
CURLMcode kiln_curl_multi_poll(CURLM *multi, struct curl_waitfd *extra, unsigned int extraCount, int timeoutMilliseconds, int *ready);
CURLMcode kiln_curl_multi_wakeup(CURLM *multi);
CURLMsg *kiln_curl_multi_info_read(CURLM *multi, int *queued);
struct curl_slist *kiln_curl_slist_append(struct curl_slist *list, const char *text);
void kiln_curl_slist_free_all(struct curl_slist *list);

CURLcode kiln_curl_setopt_long(CURL *h, CURLoption o, long v);
CURLcode kiln_curl_setopt_ptr(CURL *h, CURLoption o, const void *v);
CURLcode kiln_curl_setopt_str(CURL *h, CURLoption o, const char *v);
CURLcode kiln_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v);
CURLcode kiln_curl_setopt_write(CURL *h, size_t (*f)(char *, size_t, size_t, void *));
CURLcode kiln_curl_setopt_header(CURL *h, size_t (*f)(char *, size_t, size_t, void *));
CURLcode kiln_curl_setopt_xferinfo(CURL *h, int (*f)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t));
CURLcode kiln_curl_getinfo_long(CURL *h, CURLINFO i, long *v);
CURLcode kiln_curl_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v);
CURLcode kiln_curl_getinfo_str(CURL *h, CURLINFO i, char **v);
CURLcode kiln_curl_getinfo_ptr(CURL *h, CURLINFO i, void **v);
CURLMcode kiln_curl_multi_setopt_long(CURLM *m, CURLMoption o, long v);
#endif
