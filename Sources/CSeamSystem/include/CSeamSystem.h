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
/// Makes a child start with an empty signal mask and default dispositions for every signal
/// (Swift's worker threads block signals, and posix_spawn children inherit that mask).
int cs_spawnattr_reset_signals(posix_spawnattr_t *attributes);
/// Closes every descriptor >= `lowest` in the child (posix_spawn_file_actions_addclosefrom_np),
/// so a child never inherits unrelated sockets or pipe ends.
int cs_spawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int lowest);
/// pthread_setname_np on the calling thread (at most 15 bytes are kept). Returns 0 or an errno.
int cs_set_thread_name(const char *name);
