// unshare(2) and CLONE_FS are declared only with _GNU_SOURCE.
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>
#include "CArchive.h"

struct kiln_directory_job {
    const char *directory;
    void (*body)(void *);
    void *context;
    int error;
};

static void *kiln_run_job(void *raw) {
    struct kiln_directory_job *job = raw;
    // After this the thread's cwd and umask are its own, and vanish with it.
    if (unshare(CLONE_FS) != 0 || chdir(job->directory) != 0) {
        job->error = errno;
        return NULL;
    }
    // Directories libarchive makes for a member's missing parents get 0777 & ~umask.
    umask(022);
    job->body(job->context);
    return NULL;
}

int kiln_archive_run_in_directory(const char *directory, void (*body)(void *context), void *context) {
    struct kiln_directory_job job = { directory, body, context, 0 };
    pthread_t thread;
    int status = pthread_create(&thread, NULL, kiln_run_job, &job);
    if (status != 0) return status;
    pthread_join(thread, NULL);
    return job.error;
}
