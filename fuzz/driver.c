/*
 * driver.c: runs a libFuzzer-style target without libFuzzer, for `make
 * check`.  Each argument is a file or a directory of files, searched
 * recursively as libFuzzer does (the seeds); every seed is run as is, then as MUTATIONS deterministic mutations (bit
 * flips, truncations, inserted and repeated bytes).  Under
 * --enable-sanitizers any memory error aborts the run.  A real campaign
 * uses the libFuzzer build (./configure CC=clang --enable-fuzzing).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MUTATIONS 300

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void
run(const uint8_t *data, size_t size)
{
	/* An exact-size copy, so that reading past the end is caught. */
	uint8_t *copy = malloc(size ? size : 1);

	memcpy(copy, data, size);
	LLVMFuzzerTestOneInput(copy, size);
	free(copy);
}

static void
mutate(const uint8_t *data, size_t size)
{
	uint8_t *buf = malloc(size * 2 + 64);
	int m;

	for (m = 0; m < MUTATIONS; m++) {
		size_t n = size, i, k = 1 + next() % 8;

		memcpy(buf, data, size);
		while (k--) {
			size_t at = n ? next() % n : 0;

			switch (next() % 5) {
			case 0:	/* flip a bit */
				if (n)
					buf[at] ^= (uint8_t)(1u << (next() % 8));
				break;
			case 1:	/* truncate */
				n = at;
				break;
			case 2:	/* insert a byte, often a delimiter */
				if (n < size * 2 + 32) {
					static const char d[] = "\n :,()[]=-0123456789\\\xff";

					memmove(buf + at + 1, buf + at, n - at);
					buf[at] = next() % 2 ? (uint8_t)d[next() % (sizeof(d) - 1)] :
					    (uint8_t)next();
					n++;
				}
				break;
			case 3:	/* overwrite with a large number */
				for (i = 0; i < 20 && at + i < n; i++)
					buf[at + i] = '9';
				break;
			default: /* repeat a chunk */
				if (n && n < size * 2) {
					size_t len = next() % (n - at + 1);

					if (n + len <= size * 2 + 32) {
						memmove(buf + at + len, buf + at, n - at);
						n += len;
					}
				}
				break;
			}
		}
		run(buf, n);
	}
	free(buf);
}

static int
file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data;
	long n;

	if (f == NULL) {
		perror(path);
		return 1;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)n + 1);
	if (fread(data, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(data);
		return 1;
	}
	fclose(f);
	run(data, (size_t)n);
	mutate(data, (size_t)n);
	free(data);
	return 0;
}

/* Every regular file under a directory, as libFuzzer's corpus reader. */
static int
seed_dir(const char *dir, int *runs)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int bad = 0;

	if (d == NULL) {
		perror(dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			bad |= seed_dir(path, runs);
		} else if (S_ISREG(st.st_mode)) {
			bad |= file(path);
			(*runs)++;
		}
	}
	closedir(d);
	return bad;
}

int
main(int argc, char **argv)
{
	int i, bad = 0, runs = 0;

	for (i = 1; i < argc; i++) {
		struct stat st;

		if (argv[i][0] == '-')
			continue;	/* libFuzzer flags are ignored here */
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			bad |= seed_dir(argv[i], &runs);
		} else {
			bad |= file(argv[i]);
			runs++;
		}
	}
	printf("%d seeds, %d inputs each: no crash\n", runs, MUTATIONS + 1);
	return bad;
}
