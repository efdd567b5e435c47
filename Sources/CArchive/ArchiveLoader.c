#include "CArchive.h"
#include <CLazyLibrary.h>
#include <pthread.h>

#define KILN_ARCHIVE_FUNCTIONS(X) \
    X(struct archive *, archive_read_new, (void), (), NULL) \
    X(int, archive_read_support_filter_all, (struct archive *a), (a), ARCHIVE_FATAL) \
    X(int, archive_read_support_format_all, (struct archive *a), (a), ARCHIVE_FATAL) \
    X(int, archive_read_support_format_zip_seekable, (struct archive *a), (a), ARCHIVE_FATAL) \
    X(int, archive_read_support_filter_gzip, (struct archive *a), (a), ARCHIVE_FATAL) \
    X(int, archive_read_support_filter_bzip2, (struct archive *a), (a), ARCHIVE_FATAL) \
    X(int, archive_read_support_filter_xz, (struct archive *a), (a), ARCHIVE_FATAL) \
    X(int, archive_read_support_format_tar, (struct archive *a), (a), ARCHIVE_FATAL) \
    X(int, archive_read_support_format_zip, (struct archive *a), (a), ARCHIVE_FATAL) \
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
    X(int, archive_write_close, (struct archive *a), (a), ARCHIVE_FATAL) \
    X(int, archive_write_free, (struct archive *a), (a), ARCHIVE_FATAL) \
    X(const char *, archive_error_string, (struct archive *a), (a), kiln_archive_load_error()) \
    X(int, archive_errno, (struct archive *a), (a), 0) \
    X(struct archive_entry *, archive_entry_new, (void), (), NULL) \
    X(const char *, archive_entry_pathname, (struct archive_entry *e), (e), NULL) \
    X(const char *, archive_entry_pathname_utf8, (struct archive_entry *e), (e), NULL) \
    X(mode_t, archive_entry_filetype, (struct archive_entry *e), (e), 0) \
    X(mode_t, archive_entry_perm, (struct archive_entry *e), (e), 0) \
    X(const char *, archive_entry_symlink, (struct archive_entry *e), (e), NULL) \
    X(const char *, archive_entry_symlink_utf8, (struct archive_entry *e), (e), NULL) \
    X(const char *, archive_entry_hardlink, (struct archive_entry *e), (e), NULL) \
    X(const char *, archive_entry_hardlink_utf8, (struct archive_entry *e), (e), NULL) \
    X(time_t, archive_entry_mtime, (struct archive_entry *e), (e), 0) \
    X(int, archive_entry_mtime_is_set, (struct archive_entry *e), (e), 0)

#define KILN_ARCHIVE_VOID_FUNCTIONS(X) \
    X(archive_entry_free, (struct archive_entry *e), (e)) \
    X(archive_entry_set_pathname, (struct archive_entry *e, const char *n), (e, n)) \
    X(archive_entry_set_filetype, (struct archive_entry *e, unsigned int t), (e, t)) \
    X(archive_entry_set_perm, (struct archive_entry *e, mode_t p), (e, p)) \
    X(archive_entry_set_size, (struct archive_entry *e, la_int64_t s), (e, s)) \
    X(archive_entry_unset_size, (struct archive_entry *e), (e)) \
    X(archive_entry_set_symlink, (struct archive_entry *e, const char *t), (e, t)) \
    X(archive_entry_set_hardlink, (struct archive_entry *e, const char *t), (e, t))

enum { KILN_ARCHIVE_FUNCTIONS(KILN_LAZY_SLOT) KILN_ARCHIVE_VOID_FUNCTIONS(KILN_LAZY_VOID_SLOT) KILN_ARCHIVE_SLOTS };
static const char *const names[] = { KILN_ARCHIVE_FUNCTIONS(KILN_LAZY_NAME) KILN_ARCHIVE_VOID_FUNCTIONS(KILN_LAZY_VOID_NAME) };
static void *slots[KILN_ARCHIVE_SLOTS];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char load_error_text[512];
static const char *load_error;

static void load(void) {
    int loaded = kiln_lazy_library_open("libarchive.so.13", "libarchive13", names, slots, KILN_ARCHIVE_SLOTS,
                                        load_error_text, sizeof load_error_text);
    load_error = loaded ? NULL : load_error_text;
}

const char *kiln_archive_load_error(void) {
    pthread_once(&once, load);
    return load_error;
}

#define WRAPPER(...) KILN_LAZY_WRAPPER(kiln_archive_load_error, slots, __VA_ARGS__)
#define VOID_WRAPPER(...) KILN_LAZY_VOID_WRAPPER(kiln_archive_load_error, slots, __VA_ARGS__)
KILN_ARCHIVE_FUNCTIONS(WRAPPER)
KILN_ARCHIVE_VOID_FUNCTIONS(VOID_WRAPPER)
