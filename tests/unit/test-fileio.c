/*
 * test-fileio: the one way oomrisk reads and replaces its own files
 * (issue 11, findings 1-3 and 8), on a scratch directory:
 *  - file_replace() never writes through a name planted where it makes its
 *    temporary: getrandom() is replaced here, so the test knows every name
 *    it will try and plants a symbolic link at each of them;
 *  - what it refuses to replace (links, FIFOs, devices, directories, a
 *    file without the state header) stays as it was;
 *  - which leftovers it removes (ours: name, owner, type, links, age);
 *  - file_read_regular() opens nothing but a regular file, reads at most
 *    limit + 1 bytes, and follows a symbolic link only when root or we
 *    made it where nobody else can replace it;
 *  - read_line_at() stops at the newline that ends a line (a pipe whose
 *    writer stays open shows it: another read would wait), and reads on
 *    to the end without one.
 * Some cases need root (mknod, chown) and are skipped otherwise.
 */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "lib/buf.h"
#include "sys/fileio.h"
#include "tap.h"

/* ---- a predictable getrandom() for file_replace's temporary names ---- */

static int fake_random;		/* 0: the real one */
static unsigned char draw;	/* the n-th call fills every byte with set[n] */

ssize_t getrandom(void *buf, size_t len, unsigned int flags);

ssize_t
getrandom(void *buf, size_t len, unsigned int flags)
{
	if (!fake_random)
		return syscall(SYS_getrandom, buf, len, flags);
	memset(buf, draw++, len);
	return (ssize_t)len;
}

/* The name file_replace() makes from the n-th draw (fileio.c's alphabet). */
static void
temp_name(char *out, size_t size, const char *dir, const char *base, unsigned n)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	char c = set[n % 62];

	snprintf(out, size, "%s/%s.tmp.%c%c%c%c%c%c", dir, base, c, c, c, c, c, c);
}

static char dir[64];

static char *
path(const char *name)
{
	static char p[8][256];
	static int i;

	i = (i + 1) % 8;
	snprintf(p[i], sizeof(p[i]), "%s/%s", dir, name);
	return p[i];
}

static void
put(const char *name, const char *text)
{
	FILE *f = fopen(path(name), "w");

	fputs(text, f);
	fclose(f);
}

static const char *
get(const char *name)
{
	static struct buf b = BUF_INIT;
	long n = read_file_buf(AT_FDCWD, path(name), &b);

	return n < 0 ? "(none)" : buf_str(&b);
}

static bool
is_type(const char *name, mode_t type)
{
	struct stat st;

	return lstat(path(name), &st) == 0 && (st.st_mode & S_IFMT) == type;
}

static const struct file_replace_opts plain = { 0644, NULL, NULL, 0 };
static const struct file_replace_opts state = { 0644, "oomrisk-state ", "a state file", 0 };

static int
replace(const char *name, const char *data, const struct file_replace_opts *o, struct buf *why)
{
	buf_reset(why);
	return file_replace(path(name), data, strlen(data), o, why);
}

static void
test_replace(void)
{
	struct buf why = BUF_INIT;
	struct stat st;
	mode_t old = umask(077);

	is_int(replace("out", "one\n", &plain, &why), 0, "a new file");
	is_str(get("out"), "one\n", "with the data");
	ok(stat(path("out"), &st) == 0 && (st.st_mode & 07777) == 0644,
	    "mode 0644 whatever the umask");
	is_int(replace("out", "two\n", &plain, &why), 0, "replaced");
	is_str(get("out"), "two\n", "new data");
	umask(old);

	/* What is not a regular file is left alone, with a clear error. */
	put("victim", "precious\n");
	symlink(path("victim"), path("link"));
	is_int(replace("link", "x", &plain, &why), -1, "a symbolic link is not replaced");
	{
		char want[300];

		snprintf(want, sizeof(want), "%s: is a symbolic link; oomrisk replaces only a "
		    "regular file", path("link"));
		is_str(buf_str(&why), want, "and says so");
	}
	ok(is_type("link", S_IFLNK) && strcmp(get("victim"), "precious\n") == 0,
	    "the link and its target are untouched");
	mkfifo(path("fifo"), 0600);
	is_int(replace("fifo", "x", &plain, &why), -1, "a FIFO is not replaced");
	ok(is_type("fifo", S_IFIFO), "and stays a FIFO");
	mkdir(path("adir"), 0700);
	is_int(replace("adir", "x", &plain, &why), -1, "nor a directory");
	if (mknod(path("chr"), S_IFCHR | 0600, makedev(1, 3)) == 0) {
		is_int(replace("chr", "x", &plain, &why), -1, "a character device is not replaced");
		ok(is_type("chr", S_IFCHR), "and stays one");
	} else {
		ok(1, "# SKIP mknod: %s", strerror(errno));
		ok(1, "# SKIP");
	}

	/* The state file: only one with its header. */
	put("conf", "[check]\nmem_available_warn = 5%\n");
	is_int(replace("conf", "oomrisk-state 1\n", &state, &why), -1,
	    "a state file replaces no file without the header");
	is_str(get("conf"), "[check]\nmem_available_warn = 5%\n", "which is unchanged");
	put("empty", "");
	is_int(replace("empty", "oomrisk-state 1\n", &state, &why), -1, "not even an empty one");
	put("st", "oomrisk-state 1\nboot_id x\n");
	is_int(replace("st", "oomrisk-state 1\nnew\n", &state, &why), 0,
	    "a file with the header is replaced");
	is_int(replace("st-new", "oomrisk-state 1\n", &state, &why), 0, "and a missing one made");
	is_int(replace("nodir/x", "x", &plain, &why), -1, "a missing directory is an error");
	buf_free(&why);
}

/*
 * Someone plants a symbolic link at the temporaries' names (on main: the
 * predictable FILE.tmp.PID, opened O_CREAT|O_TRUNC, written through).
 */
static void
test_planted(void)
{
	struct buf why = BUF_INIT;
	char name[300];
	unsigned i;
	int planted = 0;

	put("secret", "root only\n");
	/* The first 5 names it will try are taken by links to the secret. */
	for (i = 0; i < 5; i++) {
		temp_name(name, sizeof(name), dir, "prom", i);
		planted += symlink(path("secret"), name) == 0;
	}
	is_int(planted, 5, "links planted at the first 5 names");
	fake_random = 1;
	draw = 0;
	is_int(replace("prom", "metrics\n", &plain, &why), 0, "the write goes to the 6th name");
	fake_random = 0;
	is_str(get("secret"), "root only\n", "nothing was written through a link");
	ok(is_type("prom", S_IFREG), "the target is a regular file, not a link");
	is_str(get("prom"), "metrics\n", "with the data");
	for (i = 0; i < 5; i++) {
		temp_name(name, sizeof(name), dir, "prom", i);
		unlink(name);
	}

	/* Every name it may try is taken: it gives up, writes nothing. */
	for (i = 0; i < 62; i++) {
		temp_name(name, sizeof(name), dir, "all", i);
		symlink(path("secret"), name);
	}
	fake_random = 1;
	draw = 0;
	is_int(replace("all", "metrics\n", &plain, &why), -1, "every name planted: an error");
	fake_random = 0;
	ok(strstr(buf_str(&why), "every name tried is taken") != NULL, "saying why");
	is_str(get("secret"), "root only\n", "still nothing written through a link");
	ok(!is_type("all", S_IFREG) && !is_type("all", S_IFLNK), "and no target made");
	for (i = 0; i < 62; i++) {
		temp_name(name, sizeof(name), dir, "all", i);
		unlink(name);
	}
	buf_free(&why);
}

static void
age(const char *name, int seconds)
{
	struct timeval tv[2];

	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= seconds;
	tv[1] = tv[0];
	lutimes(path(name), tv);
}

static void
test_stale(void)
{
	static const struct file_replace_opts export = { 0644, NULL, NULL, 300 };
	struct buf why = BUF_INIT;
	struct passwd *nobody = getpwnam("nobody");

	put("m.prom.tmp.Ab3dE9", "killed run\n");
	age("m.prom.tmp.Ab3dE9", 3600);
	put("m.prom.tmp.4242", "killed run of an earlier version\n");
	age("m.prom.tmp.4242", 3600);
	put("m.prom.tmp.young1", "a run writing now\n");
	put("m.prom.tmp.linked", "two links\n");
	age("m.prom.tmp.linked", 3600);
	link(path("m.prom.tmp.linked"), path("hardlink"));
	symlink(path("secret"), path("m.prom.tmp.symlnk"));
	age("m.prom.tmp.symlnk", 3600);
	put("m.prom.tmp.x-y", "not our name\n");
	age("m.prom.tmp.x-y", 3600);
	put("m.prom.tmpAbcdef", "not our name\n");
	age("m.prom.tmpAbcdef", 3600);
	put("m.prom.tmp.others", "someone else's\n");
	age("m.prom.tmp.others", 3600);
	if (nobody != NULL && geteuid() == 0)
		chown(path("m.prom.tmp.others"), nobody->pw_uid, nobody->pw_gid);

	is_int(replace("m.prom", "m\n", &export, &why), 0, "export writes");
	ok(!is_type("m.prom.tmp.Ab3dE9", S_IFREG), "an old temporary of ours is removed");
	ok(!is_type("m.prom.tmp.4242", S_IFREG), "so is an old pid-numbered one");
	ok(is_type("m.prom.tmp.young1", S_IFREG), "a young one is kept (a run may be writing it)");
	ok(is_type("m.prom.tmp.linked", S_IFREG), "one with two links is kept");
	ok(is_type("m.prom.tmp.symlnk", S_IFLNK), "a symbolic link is kept");
	ok(is_type("m.prom.tmp.x-y", S_IFREG) && is_type("m.prom.tmpAbcdef", S_IFREG),
	    "other names are kept");
	if (nobody != NULL && geteuid() == 0)
		ok(is_type("m.prom.tmp.others", S_IFREG), "another user's file is kept");
	else
		ok(1, "# SKIP needs root and a user nobody");
	ok(file_stale_temp("a", "a.tmp.1") && file_stale_temp("a", "a.tmp.Zz09Zz09Zz09Zz09") &&
	    !file_stale_temp("a", "a.tmp.") && !file_stale_temp("a", "a.tmp.Zz09Zz09Zz09Zz09Z") &&
	    !file_stale_temp("a", "b.tmp.1") && !file_stale_temp("a", "a.tmp.1/"),
	    "the name rule: BASE.tmp. and 1-16 letters or digits");
	buf_free(&why);
}

static long
read_reg(const char *p, size_t limit, unsigned flags, struct buf *b, struct buf *why)
{
	buf_reset(why);
	return file_read_regular(p, limit, flags, b, why);
}

static void
test_read(void)
{
	struct buf b = BUF_INIT, why = BUF_INIT;
	struct passwd *nobody = getpwnam("nobody");
	int fd;

	put("ten", "0123456789");
	is_int(read_reg(path("ten"), 10, 0, &b, &why), 10, "a file of exactly the limit");
	is_str(buf_str(&b), "0123456789", "read whole");
	is_int(read_reg(path("ten"), 9, 0, &b, &why), -EFBIG, "one byte more: too large");
	is_int(read_reg(path("fifo"), 100, 0, &b, &why), -EINVAL, "a FIFO: refused, no hang");
	ok(strstr(buf_str(&why), "is a FIFO, not a regular file") != NULL, "said so");
	is_int(read_reg("/dev/zero", 100, 0, &b, &why), -EINVAL, "/dev/zero: refused unread");
	is_int(read_reg("/dev/null", 100, 0, &b, &why), -EINVAL, "/dev/null: a device too");
	is_int(read_reg("/dev/null", 100, FILE_NULL_IS_EMPTY, &b, &why), 0,
	    "unless asked to read it as empty");
	fd = open(path("sparse"), O_WRONLY | O_CREAT, 0600);
	ok(fd >= 0 && ftruncate(fd, 3L << 30) == 0, "a 3 GiB sparse file");
	close(fd);
	is_int(read_reg(path("sparse"), 1 << 20, 0, &b, &why), -EFBIG, "refused by its size");
	ok(b.cap < 1 << 20, "without reading it (buffer %zu bytes)", b.cap);
	unlink(path("sparse"));
	is_int(read_reg(path("nothing"), 100, 0, &b, &why), -ENOENT, "missing: -ENOENT");

	/* Symbolic links. */
	is_int(read_reg(path("link"), 100, 0, &b, &why), -ELOOP, "a link is not followed");
	is_int(read_reg(path("link"), 100, FILE_FOLLOW_TRUSTED, &b, &why), 9,
	    "ours, in our own directory: followed with FILE_FOLLOW_TRUSTED");
	is_str(buf_str(&b), "precious\n", "to its target");
	chmod(dir, 0777);
	is_int(read_reg(path("link"), 100, FILE_FOLLOW_TRUSTED, &b, &why), -ELOOP,
	    "in a directory others may write to: not followed");
	chmod(dir, 01777);
	is_int(read_reg(path("link"), 100, FILE_FOLLOW_TRUSTED, &b, &why), 9,
	    "in a sticky one (like /tmp), ours: followed");
	chmod(dir, 0700);
	if (nobody != NULL && geteuid() == 0) {
		symlink(path("victim"), path("nlink"));
		lchown(path("nlink"), nobody->pw_uid, nobody->pw_gid);
		is_int(read_reg(path("nlink"), 100, FILE_FOLLOW_TRUSTED, &b, &why), -ELOOP,
		    "a link owned by another user: not followed");
		ok(strstr(buf_str(&why), "another user could have made") != NULL, "said so");
		/* A directory another user owns: a link to it is not a way in. */
		mkdir(path("realdir"), 0755);
		symlink(path("realdir"), path("dirlink"));
		lchown(path("dirlink"), nobody->pw_uid, nobody->pw_gid);
		is_int(file_replace(path("dirlink/f"), "x", 1, &plain, &why), -1,
		    "writing through a directory link another user made: refused");
		unlink(path("dirlink"));
		symlink(path("realdir"), path("dirlink"));
		is_int(file_replace(path("dirlink/f"), "x", 1, &plain, &why), 0,
		    "through our own: written");
		ok(is_type("realdir/f", S_IFREG), "into the real directory");
	} else {
		int i;

		for (i = 0; i < 5; i++)
			ok(1, "# SKIP needs root and a user nobody");
	}

	/* The lock file. */
	fd = file_open_lock(path("lk"), &why);
	ok(fd >= 0, "a lock file is made");
	close(fd);
	is_int(file_open_lock(path("fifo"), &why), -1, "a FIFO is no lock file");
	is_int(file_open_lock(path("link"), &why), -1, "nor a symbolic link");
	buf_free(&b);
	buf_free(&why);
}

/* Open the read end of a pipe anew through /proc, as read_line_at() opens a path. */
static void
pipe_path(int fds[2], char *out, size_t size)
{
	if (pipe(fds) < 0)
		fds[0] = fds[1] = -1;
	snprintf(out, size, "/proc/self/fd/%d", fds[0]);
}

static void
test_read_line(void)
{
	char p[64], got[16], want[16];
	int fds[2];
	long n;

	/* A read that waits fails the test instead of hanging it. */
	alarm(20);
	pipe_path(fds, p, sizeof(p));
	ok(fds[1] >= 0 && write(fds[1], "123\n", 4) == 4, "a line in a pipe, writer open");
	is_int(read_line_at(AT_FDCWD, p, got, sizeof(got)), 4, "read up to its newline");
	is_str(got, "123\n", "the line");
	ok(write(fds[1], "45", 2) == 2 && close(fds[1]) == 0, "no newline, writer closed");
	is_int(read_line_at(AT_FDCWD, p, got, sizeof(got)), 2, "read on to the end");
	is_str(got, "45", "what there was");
	close(fds[0]);

	pipe_path(fds, p, sizeof(p));
	ok(fds[1] >= 0 && write(fds[1], "123456789\n", 10) == 10, "a line longer than the buffer");
	is_int(read_line_at(AT_FDCWD, p, got, 5), 4, "cut at the buffer, no wait");
	is_str(got, "1234", "its start");
	close(fds[0]);
	close(fds[1]);

	is_int(read_line_at(AT_FDCWD, path("nothing"), got, sizeof(got)), -ENOENT,
	    "missing: -ENOENT");
	n = read_file_at(AT_FDCWD, "/proc/self/oom_score_adj", want, sizeof(want), NULL);
	ok(n > 0, "/proc/self/oom_score_adj read whole");
	is_int(read_line_at(AT_FDCWD, "/proc/self/oom_score_adj", got, sizeof(got)), n,
	    "read_line_at: the same length");
	is_str(got, want, "and text");
	alarm(0);
}

int
main(void)
{
	char cmd[128];

	snprintf(dir, sizeof(dir), "/tmp/test-fileio.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		printf("1..0 # SKIP mkdtemp: %s\n", strerror(errno));
		return 0;
	}
	test_replace();
	test_planted();
	test_stale();
	test_read();
	test_read_line();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
