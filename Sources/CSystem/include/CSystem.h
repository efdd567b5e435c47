#ifndef KILN_CSYSTEM_H
#define KILN_CSYSTEM_H
#include <stddef.h>
#include <sys/types.h>

// Linux calls that need _GNU_SOURCE, which Swift's Glibc module is not built with.
int kiln_renameat2_exchange(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
int kiln_renameat2_noreplace(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
ssize_t kiln_copy_file_range(int fd_in, int fd_out, size_t len);
int kiln_ficlone(int dest_fd, int src_fd);


#include <spawn.h>
// posix_spawn_file_actions_addchdir_np (glibc 2.29+), declared only with _GNU_SOURCE/_DEFAULT_SOURCE.
// pipe2 with O_CLOEXEC, so no child inherits kiln's pipe ends by accident.
int kiln_pipe_cloexec(int fds[2]);
int kiln_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);

// Installs SIGINT/SIGTERM handlers that write the signal's number (one byte) to a pipe, and
// ignores SIGPIPE. Returns the pipe's read end, or -1 if no pipe could be made.
int kiln_termination_signals_install(void);
#endif
