#ifndef KILN_CARCHIVE_H
#define KILN_CARCHIVE_H
// libarchive, loaded on first use rather than at startup: it brings libxml2 and ICU with it,
// whose relocations cost every kiln command milliseconds, and most commands never open an
// archive. The types and constants come from libarchive's own headers; every call goes through
// these kiln_ functions, which load the library once and fail (NULL, ARCHIVE_FATAL) without it.
#include <archive.h>
#include <archive_entry.h>

/// NULL once libarchive is loaded; otherwise why it could not be (loading is tried on first call).
const char *kiln_archive_load_error(void);

struct archive *kiln_archive_read_new(void);
int kiln_archive_read_support_filter_all(struct archive *a);
int kiln_archive_read_support_format_all(struct archive *a);
int kiln_archive_read_support_format_zip_seekable(struct archive *a);
int kiln_archive_read_open_filename(struct archive *a, const char *filename, size_t block_size);
int kiln_archive_read_next_header(struct archive *a, struct archive_entry **entry);
la_ssize_t kiln_archive_read_data(struct archive *a, void *buffer, size_t size);
int kiln_archive_read_data_skip(struct archive *a);
int kiln_archive_read_free(struct archive *a);
struct archive *kiln_archive_write_disk_new(void);
int kiln_archive_write_disk_set_options(struct archive *a, int flags);
int kiln_archive_write_header(struct archive *a, struct archive_entry *entry);
la_ssize_t kiln_archive_write_data(struct archive *a, const void *buffer, size_t size);
int kiln_archive_write_finish_entry(struct archive *a);
int kiln_archive_write_free(struct archive *a);
const char *kiln_archive_error_string(struct archive *a);

struct archive_entry *kiln_archive_entry_new(void);
void kiln_archive_entry_free(struct archive_entry *entry);
const char *kiln_archive_entry_pathname(struct archive_entry *entry);
const char *kiln_archive_entry_pathname_utf8(struct archive_entry *entry);
void kiln_archive_entry_set_pathname(struct archive_entry *entry, const char *name);
void kiln_archive_entry_set_filetype(struct archive_entry *entry, unsigned int type);
void kiln_archive_entry_set_perm(struct archive_entry *entry, mode_t perm);
void kiln_archive_entry_set_size(struct archive_entry *entry, la_int64_t size);
#endif
