#define _GNU_SOURCE 1
#include "CSeamSystem.h"
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

int cs_set_thread_name(const char *name) {
    return pthread_setname_np(pthread_self(), name);
}
