#define _GNU_SOURCE 1
#include "CSeamSystem.h"
#include <signal.h>
#include <pthread.h>
#include <sys/socket.h>

int cs_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}

short cs_spawn_setsid_flag(void) {
    return POSIX_SPAWN_SETSID;
}

int cs_peer_credentials(int fd, pid_t *pid, uid_t *uid, gid_t *gid) {
    struct ucred credentials;
    socklen_t length = sizeof(credentials);
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0) return -1;
    *pid = credentials.pid;
    *uid = credentials.uid;
    *gid = credentials.gid;
    return 0;
}

int cs_spawnattr_reset_signals(posix_spawnattr_t *attributes) {
    sigset_t empty, all;
    sigemptyset(&empty);
    sigfillset(&all);
    short flags = 0;
    if (posix_spawnattr_getflags(attributes, &flags) != 0) return -1;
    if (posix_spawnattr_setsigmask(attributes, &empty) != 0) return -1;
    if (posix_spawnattr_setsigdefault(attributes, &all) != 0) return -1;
    return posix_spawnattr_setflags(attributes, flags | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
}

int cs_spawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}

int cs_set_thread_name(const char *name) {
    return pthread_setname_np(pthread_self(), name);
}
