#define _GNU_SOURCE
#include "CSystem.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

// The write end of the pipe the handler reports signals through. A signal handler can reach no
// other state: this one descriptor, set once before the handlers are installed, is all it uses.
static int termination_pipe_write_end = -1;

static void report_termination_signal(int signo) {
    int saved = errno;
    unsigned char byte = (unsigned char)signo;
    // write(2) is async-signal-safe; a full pipe (a burst of signals) loses only repeats.
    ssize_t ignored = write(termination_pipe_write_end, &byte, 1);
    (void)ignored;
    errno = saved;
}

int kiln_termination_signals_install(void) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return -1;
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    termination_pipe_write_end = fds[1];

    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = report_termination_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);

    struct sigaction ignore;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, NULL);
    return fds[0];
}
