#include "CArchive.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// Every function kiln calls: (return type, name, parameters, arguments, value when unloaded).
#define KILN_ARCHIVE_FUNCTIONS(X) \
    X(struct archive *, archive_read_new, (void), (), NULL) \
    X(int, archive_read_support_filter_all, (struct archive *a), (a), ARCHIVE_FATAL) \
    X(int, archive_read_support_format_all, (struct archive *a), (a), ARCHIVE_FATAL) \
    X(int, archive_read_support_format_zip_seekable, (struct archive *a), (a), ARCHIVE_FATAL) \
    X(int, archive_read_open_filename, (struct archive *a, const char *f, size_t b), (a, f, b), ARCHIVE_FATAL) \
    X(int, archive_read_next_header, (struct archive *a, struct archive_entry **e), (a, e), ARCHIVE_FATAL) \
    X(la_ssize_t, archive_read_data, (struct archive *a, void *p, size_t n), (a, p, n), ARCHIVE_FATAL) \
    X(int, archive_read_data_skip, (struct archive *a), (a), ARCHIVE_FATAL) \
    X(int, archive_read_free, (struct archive *a), (a), ARCHIVE_FATAL) \
    X(struct archive *, archive_write_disk_new, (void), (), NULL) \
    X(int, archive_write_disk_set_options, (struct archive *a, int f), (a, f), ARCHIVE_FATAL) \
    X(int, archive_write_header, (struct archive *a, struct archive_entry *e), (a, e), ARCHIVE_FATAL) \
    X(la_ssize_t, archive_write_data, (struct archive *a, const void *p, size_t n), (a, p, n), ARCHIVE_FATAL) \
    X(int, archive_write_finish_entry, (struct archive *a), (a), ARCHIVE_FATAL) \
    X(int, archive_write_free, (struct archive *a), (a), ARCHIVE_FATAL) \
    X(const char *, archive_error_string, (struct archive *a), (a), load_error) \
    X(struct archive_entry *, archive_entry_new, (void), (), NULL) \
    X(const char *, archive_entry_pathname, (struct archive_entry *e), (e), NULL) \
    X(const char *, archive_entry_pathname_utf8, (struct archive_entry *e), (e), NULL)

#define KILN_ARCHIVE_VOID_FUNCTIONS(X) \
    X(archive_entry_free, (struct archive_entry *e), (e)) \
    X(archive_entry_set_pathname, (struct archive_entry *e, const char *n), (e, n)) \
    X(archive_entry_set_filetype, (struct archive_entry *e, unsigned int t), (e, t)) \
    X(archive_entry_set_perm, (struct archive_entry *e, mode_t p), (e, p)) \
    X(archive_entry_set_size, (struct archive_entry *e, la_int64_t s), (e, s))

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *load_error = "libarchive is not loaded";
static char load_error_text[512];

#define DECLARE_POINTER(ret, name, params, args, ...) static __typeof__(&name) p_##name;
#define DECLARE_VOID_POINTER(name, params, args) static __typeof__(&name) p_##name;
KILN_ARCHIVE_FUNCTIONS(DECLARE_POINTER)
KILN_ARCHIVE_VOID_FUNCTIONS(DECLARE_VOID_POINTER)

static void load(void) {
    void *library = dlopen("libarchive.so.13", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(load_error_text, sizeof load_error_text,
                 "cannot load libarchive (%s); install it (apt-get install libarchive13)", dlerror());
        load_error = load_error_text;
        return;
    }
    int missing = 0;
#define RESOLVE(name) \
    if ((p_##name = (__typeof__(&name))dlsym(library, #name)) == NULL && !missing) { \
        missing = 1; \
        snprintf(load_error_text, sizeof load_error_text, "libarchive has no %s; it is too old for kiln", #name); \
    }
#define RESOLVE_FUNCTION(ret, name, params, args, ...) RESOLVE(name)
#define RESOLVE_VOID_FUNCTION(name, params, args) RESOLVE(name)
    KILN_ARCHIVE_FUNCTIONS(RESOLVE_FUNCTION)
    KILN_ARCHIVE_VOID_FUNCTIONS(RESOLVE_VOID_FUNCTION)
    load_error = missing ? load_error_text : NULL;
}

const char *kiln_archive_load_error(void) {
    pthread_once(&once, load);
    return load_error;
}

#define DEFINE_WRAPPER(ret, name, params, args, unloaded) \
    ret kiln_##name params { \
        if (kiln_archive_load_error() != NULL) return unloaded; \
        return p_##name args; \
    }
#define DEFINE_VOID_WRAPPER(name, params, args) \
    void kiln_##name params { \
        if (kiln_archive_load_error() == NULL) p_##name args; \
    }
KILN_ARCHIVE_FUNCTIONS(DEFINE_WRAPPER)
KILN_ARCHIVE_VOID_FUNCTIONS(DEFINE_VOID_WRAPPER)
