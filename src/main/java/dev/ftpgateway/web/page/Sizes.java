package dev.ftpgateway.web.page;

import java.util.Locale;

/** File sizes for people: bytes up to 1023, then KiB, MiB and so on with at most one decimal. */
final class Sizes {

	private static final String[] UNITS = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };

	private Sizes() {
	}

	static String human(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		double value = bytes;
		int unit = -1;
		do {
			value /= 1024;
			unit++;
		}
		while (value >= 1024 && unit < UNITS.length - 1);
		return String.format(Locale.ROOT, (value < 10) ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
	}

}
