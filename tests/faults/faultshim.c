/* A share that fails on demand, for tests: an LD_PRELOAD interposer of the file calls SQLite's
 * unix VFS makes (open, read, write, sync, truncate, unlink, access).
 *
 * Only files under $DESK_FAULT_DIR are touched. The first word of the file $DESK_FAULT_CTL,
 * re-read on every call, says what the share does now:
 *   ok      everything works
 *   eio     every call fails with EIO (a network blip)
 *   hang    every call blocks until the word changes (a hung share), then goes on
 *   enospc  writes that need space fail with ENOSPC (the share is full; opens still work)
 *   erofs   writes and opens for writing fail with EROFS (the share went read-only)
 *   eacces  opens fail with EACCES (permission withdrawn; root cannot be refused otherwise)
 * The control file is read with raw system calls so the interposer never calls itself.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

enum { OK, EIO_, HANG, NOSPACE, READONLY, DENIED };

static int mode(void) {
  const char *ctl = getenv("DESK_FAULT_CTL");
  if (!ctl) return OK;
  int fd = (int)syscall(SYS_openat, AT_FDCWD, ctl, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return OK;
  char buf[16] = {0};
  long n = syscall(SYS_read, fd, buf, sizeof buf - 1);
  syscall(SYS_close, fd);
  if (n <= 0) return OK;
  if (!strncmp(buf, "eio", 3)) return EIO_;
  if (!strncmp(buf, "hang", 4)) return HANG;
  if (!strncmp(buf, "enospc", 6)) return NOSPACE;
  if (!strncmp(buf, "erofs", 5)) return READONLY;
  if (!strncmp(buf, "eacces", 6)) return DENIED;
  return OK;
}

static int under_dir(const char *path) {
  const char *dir = getenv("DESK_FAULT_DIR");
  return dir && path && *dir && !strncmp(path, dir, strlen(dir));
}

static int watched_fd(int fd) {
  char link[64], target[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  long n = syscall(SYS_readlinkat, AT_FDCWD, link, target, sizeof target - 1);
  if (n <= 0) return 0;
  target[n] = 0;
  return under_dir(target);
}

/* 0: go on; -1 with errno set: fail the call. Blocks while the share hangs.
 * writes: 0 reads, 1 changes that need no space (open for writing, sync, unlink), 2 writes. */
static int fault(int writes) {
  for (;;) {
    int m = mode();
    if (m == HANG) {
      struct timespec ts = {0, 20 * 1000 * 1000};
      nanosleep(&ts, NULL);
      continue;
    }
    if (m == EIO_) { errno = EIO; return -1; }
    if (m == NOSPACE && writes == 2) { errno = ENOSPC; return -1; }
    if (m == READONLY && writes) { errno = EROFS; return -1; }
    return 0;
  }
}

#define REAL(name) static __typeof__(name) *real_##name; \
  if (!real_##name) real_##name = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

static int open_fault(const char *path, int flags) {
  if (!under_dir(path)) return 0;
  if (mode() == DENIED) { errno = EACCES; return -1; }
  return fault((flags & (O_WRONLY | O_RDWR | O_CREAT)) != 0);
}

int open(const char *path, int flags, ...) {
  REAL(open);
  va_list ap; va_start(ap, flags); mode_t m = va_arg(ap, int); va_end(ap);
  if (open_fault(path, flags)) return -1;
  return real_open(path, flags, m);
}

int open64(const char *path, int flags, ...) {
  REAL(open64);
  va_list ap; va_start(ap, flags); mode_t m = va_arg(ap, int); va_end(ap);
  if (open_fault(path, flags)) return -1;
  return real_open64(path, flags, m);
}

int openat(int dirfd, const char *path, int flags, ...) {
  REAL(openat);
  va_list ap; va_start(ap, flags); mode_t m = va_arg(ap, int); va_end(ap);
  if (open_fault(path, flags)) return -1;
  return real_openat(dirfd, path, flags, m);
}

#define FD_CALL(ret, name, writes, params, args) \
  ret name params { REAL(name); if (watched_fd(fd) && fault(writes)) return -1; return real_##name args; }

FD_CALL(ssize_t, read, 0, (int fd, void *buf, size_t n), (fd, buf, n))
FD_CALL(ssize_t, pread, 0, (int fd, void *buf, size_t n, off_t off), (fd, buf, n, off))
FD_CALL(ssize_t, pread64, 0, (int fd, void *buf, size_t n, off64_t off), (fd, buf, n, off))
FD_CALL(ssize_t, write, 2, (int fd, const void *buf, size_t n), (fd, buf, n))
FD_CALL(ssize_t, pwrite, 2, (int fd, const void *buf, size_t n, off_t off), (fd, buf, n, off))
FD_CALL(ssize_t, pwrite64, 2, (int fd, const void *buf, size_t n, off64_t off), (fd, buf, n, off))
FD_CALL(int, fsync, 1, (int fd), (fd))
FD_CALL(int, fdatasync, 1, (int fd), (fd))
FD_CALL(int, ftruncate, 2, (int fd, off_t len), (fd, len))
FD_CALL(int, ftruncate64, 2, (int fd, off64_t len), (fd, len))

int unlink(const char *path) {
  REAL(unlink);
  if (under_dir(path) && fault(1)) return -1;
  return real_unlink(path);
}

/* Only a read-only share refuses W_OK; a blip leaves the folder's metadata readable. */
static int access_fault(const char *path, int how) {
  if (!under_dir(path) || !(how & W_OK) || mode() != READONLY) return 0;
  errno = EROFS;
  return -1;
}

int access(const char *path, int how) {
  REAL(access);
  if (access_fault(path, how)) return -1;
  return real_access(path, how);
}

int faccessat(int dirfd, const char *path, int how, int flags) {
  REAL(faccessat);
  if (access_fault(path, how)) return -1;
  return real_faccessat(dirfd, path, how, flags);
}
