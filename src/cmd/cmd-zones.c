/* cmd-zones.c: `oomrisk zones`, every node/zone against its watermarks. */
#include "config.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/snapshot.h"
#include "lib/diag.h"
#include "lib/format.h"
#include "lib/json.h"
#include "sys/json-meta-gather.h"
#include "sys/snapshot-reader.h"
#include "view/zone-table.h"

static void
zones_help(void)
{
	printf("Usage: oomrisk zones [OPTION]...\n"
	    "Show every node and zone of /proc/zoneinfo against its min/low/high\n"
	    "watermarks: free memory, headroom, lowmem_reserve and a verdict.\n\n"
	    "  -f, --format=FMT     text (default), json or csv; sizes in kB in json/csv\n"
	    "      --proc-root=DIR  read zoneinfo and sys/vm from DIR instead of /proc\n"
	    "                       (a saved copy; sizes use this host's page size)\n"
	    "  -h, --help           show this help\n\n"
	    "Verdicts: ok (free above high); below high (kswapd, once woken, reclaims up\n"
	    "to high); below low (kswapd reclaiming); below min (allocations enter direct\n"
	    "reclaim and the OOM killer may run); empty (no managed pages).\n"
	    "Exit status: 0 success, 1 usage error, 2 runtime error.\n");
}

static void
print_text(const struct snapshot *s)
{
	struct buf out = BUF_INIT;
	int i;

	buf_printf(&out, "page size %ld", s->page_size);
	if (s->sysctl.min_free_kbytes >= 0)
		buf_printf(&out, "; vm.min_free_kbytes %" PRId64, s->sysctl.min_free_kbytes);
	if (s->sysctl.watermark_scale_factor >= 0)
		buf_printf(&out, "; vm.watermark_scale_factor %d", s->sysctl.watermark_scale_factor);
	buf_putc(&out, '\n');
	zone_table_text_header(&out);
	buf_putc(&out, '\n');
	for (i = 0; i < s->zi.nzones; i++) {
		zone_table_text_row(&out, &s->zi.zones[i]);
		buf_putc(&out, '\n');
	}
	zone_table_text_legend(&out, &s->zi);
	buf_putc(&out, '\n');
	zone_table_text_protection(&out, &s->zi);
	if (s->zi.dropped)
		buf_printf(&out, "note: %d zones beyond the first %d not shown\n", s->zi.dropped,
		    ZONEINFO_MAX_ZONES);
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
}

static void
print_json(const struct snapshot *s, const char *root)
{
	struct json j;
	struct json_meta meta;
	int i;

	json_meta_gather(&meta, root);
	json_init(&j, stdout, true);
	json_object_begin(&j);
	json_meta_write(&j, &meta);
	json_kv_int(&j, "page_size", s->page_size);
	json_key(&j, "min_free_kbytes");
	if (s->sysctl.min_free_kbytes >= 0)
		json_int(&j, s->sysctl.min_free_kbytes);
	else
		json_null(&j);
	json_key(&j, "watermark_scale_factor");
	if (s->sysctl.watermark_scale_factor >= 0)
		json_int(&j, s->sysctl.watermark_scale_factor);
	else
		json_null(&j);
	json_kv_int(&j, "zones_dropped", s->zi.dropped);
	json_key(&j, "zones");
	json_array_begin(&j);
	for (i = 0; i < s->zi.nzones; i++)
		zone_table_json(&j, &s->zi.zones[i]);
	json_array_end(&j);
	json_object_end(&j);
	json_finish(&j);
}

static void
print_csv(const struct snapshot *s)
{
	struct buf out = BUF_INIT;
	int i;

	zone_table_csv_header(&out);
	for (i = 0; i < s->zi.nzones; i++)
		zone_table_csv_row(&out, &s->zi.zones[i]);
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
}

static int
cmd_zones_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "proc-root", required_argument, NULL, CMD_OPT_PROC_ROOT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct snapshot s;
	struct snapshot_reader r;
	struct buf err = BUF_INIT;
	const char *root = NULL;
	int format = FORMAT_TEXT, c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((format = format_parse(optarg)) < 0)
				return cmd_usage_error("zones", "--format: expected text, json or csv");
			break;
		case CMD_OPT_PROC_ROOT:
			root = optarg;
			break;
		case 'h':
			zones_help();
			return EXIT_OK;
		default:
			return cmd_option_error("zones", c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error("zones", "unexpected argument '%s'", argv[optind]);

	rc = snapshot_reader_open(&r, root, &err);
	if (rc == 0) {
		rc = snapshot_reader_read_zones(&r, &s, &err);
		snapshot_reader_close(&r);
		if (rc == 0 && !s.have_zoneinfo) {
			buf_printf(&err, "%s/zoneinfo: not readable (a kernel or container "
			    "without it?)", root ? root : "/proc");
			rc = -1;
		}
	}
	if (rc < 0) {
		cmd_warn_escaped("zones", buf_str(&err), err.len);
		buf_free(&err);
		return EXIT_RUNTIME;
	}
	buf_free(&err);
	if (format == FORMAT_JSON)
		print_json(&s, root);
	else if (format == FORMAT_CSV)
		print_csv(&s);
	else
		print_text(&s);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

const struct command cmd_zones_entry = {
	"zones", "show every memory zone against its min/low/high watermarks", cmd_zones_exec,
};
