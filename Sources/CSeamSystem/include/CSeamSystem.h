#pragma once
// POSIX API that glibc only declares under _GNU_SOURCE, as plain functions Swift can import.
#include <spawn.h>
#include <sys/types.h>

/// posix_spawn_file_actions_addchdir_np: the child starts in `path`.
int cs_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);
/// The POSIX_SPAWN_SETSID flag: the child starts a new session.
short cs_spawn_setsid_flag(void);
/// SO_PEERCRED on a connected Unix socket: the peer's pid, uid and gid. Returns 0 or -1 (errno set).
int cs_peer_credentials(int fd, pid_t *pid, uid_t *uid, gid_t *gid);
/// pthread_setname_np on the calling thread (at most 15 bytes are kept). Returns 0 or an errno.
int cs_set_thread_name(const char *name);
