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
int kiln_archive_read_support_filter_gzip(struct archive *a);
int kiln_archive_read_support_filter_bzip2(struct archive *a);
int kiln_archive_read_support_filter_xz(struct archive *a);
int kiln_archive_read_support_format_tar(struct archive *a);
int kiln_archive_read_support_format_zip(struct archive *a);
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
int kiln_archive_write_close(struct archive *a);
int kiln_archive_write_free(struct archive *a);
const char *kiln_archive_error_string(struct archive *a);
int kiln_archive_errno(struct archive *a);

struct archive_entry *kiln_archive_entry_new(void);
void kiln_archive_entry_free(struct archive_entry *entry);
const char *kiln_archive_entry_pathname(struct archive_entry *entry);
const char *kiln_archive_entry_pathname_utf8(struct archive_entry *entry);
void kiln_archive_entry_set_pathname(struct archive_entry *entry, const char *name);
void kiln_archive_entry_set_filetype(struct archive_entry *entry, unsigned int type);
void kiln_archive_entry_set_perm(struct archive_entry *entry, mode_t perm);
void kiln_archive_entry_set_size(struct archive_entry *entry, la_int64_t size);
void kiln_archive_entry_unset_size(struct archive_entry *entry);
mode_t kiln_archive_entry_filetype(struct archive_entry *entry);
mode_t kiln_archive_entry_perm(struct archive_entry *entry);
const char *kiln_archive_entry_symlink(struct archive_entry *entry);
const char *kiln_archive_entry_symlink_utf8(struct archive_entry *entry);
const char *kiln_archive_entry_hardlink(struct archive_entry *entry);
const char *kiln_archive_entry_hardlink_utf8(struct archive_entry *entry);
time_t kiln_archive_entry_mtime(struct archive_entry *entry);
int kiln_archive_entry_mtime_is_set(struct archive_entry *entry);
void kiln_archive_entry_set_symlink(struct archive_entry *entry, const char *target);
void kiln_archive_entry_set_hardlink(struct archive_entry *entry, const char *target);

/// Runs `body(context)` on a new thread that has a working directory and umask of its own
/// (unshare(CLONE_FS)): `directory` and 022. libarchive's disk writer resolves every name against
/// the working directory, and with ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS names must be relative;
/// the process's own directory, shared by every other thread, is never changed. Returns 0 once
/// `body` has run, or an errno value (body not run) if the thread or its directory could not be had.
int kiln_archive_run_in_directory(const char *directory, void (*body)(void *context), void *context);
#endif
