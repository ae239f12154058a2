package dev.ftpgateway.web.page;

import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;

import dev.ftpgateway.files.RemoteEntry;
import dev.ftpgateway.web.problem.GatewayProblems;

/**
 * The order a folder page lists its entries in, from {@code ?sort=name|size|modified} and
 * {@code &order=asc|desc}, as rclone's {@code serve http} spells it. Without {@code sort} (or
 * {@code order}) the entries come in the server's order and stream as the listing arrives;
 * any sort needs the whole listing first, and puts folders before files.
 *
 * @param column the column sorted by, or null for the server's order
 * @param descending whether the column is sorted from the largest (or latest, or last) down
 */
record ListingOrder(Column column, boolean descending) {

	static final String SORT = "sort";

	static final String ORDER = "order";

	static final ListingOrder SERVER = new ListingOrder(null, false);

	/** The columns a page sorts by, with their query value. */
	enum Column {

		NAME("name"), SIZE("size"), MODIFIED("modified");

		private final String value;

		Column(String value) {
			this.value = value;
		}

		String value() {
			return this.value;
		}

	}

	/**
	 * The order a request asks for.
	 * @throws org.springframework.web.ErrorResponseException 400 for a value outside the lists
	 */
	static ListingOrder of(String sort, String order) {
		if (sort == null && order == null) {
			return SERVER;
		}
		Column column = Column.NAME;
		if (sort != null) {
			column = switch (sort.toLowerCase(Locale.ROOT)) {
				case "name" -> Column.NAME;
				case "size" -> Column.SIZE;
				case "modified" -> Column.MODIFIED;
				default -> throw GatewayProblems.badRequest("sort takes name, size or modified");
			};
		}
		boolean descending = false;
		if (order != null) {
			descending = switch (order.toLowerCase(Locale.ROOT)) {
				case "asc" -> false;
				case "desc" -> true;
				default -> throw GatewayProblems.badRequest("order takes asc or desc");
			};
		}
		return new ListingOrder(column, descending);
	}

	/** Whether entries are written as the server lists them, without waiting for the whole listing. */
	boolean streamed() {
		return this.column == null;
	}

	/** Folders first, then by the column (ties by name), in this order's direction. */
	Comparator<RemoteEntry> comparator() {
		Comparator<RemoteEntry> byColumn = switch (this.column) {
			case NAME -> byName();
			case SIZE -> Comparator.<RemoteEntry>comparingLong((entry) -> entry.size().orElse(-1))
				.thenComparing(byName());
			case MODIFIED -> Comparator.<RemoteEntry, Instant>comparing((entry) -> entry.modified().orElse(Instant.MIN))
				.thenComparing(byName());
		};
		Comparator<RemoteEntry> foldersFirst = Comparator.comparing((RemoteEntry entry) -> !entry.isFolder());
		return foldersFirst.thenComparing(this.descending ? byColumn.reversed() : byColumn);
	}

	private static Comparator<RemoteEntry> byName() {
		return Comparator.comparing(RemoteEntry::name, String.CASE_INSENSITIVE_ORDER)
			.thenComparing(RemoteEntry::name);
	}

	/** The query of a column heading's link: ascending, or descending when already sorted ascending by it. */
	String linkFor(Column heading) {
		boolean descendNext = heading == this.column && !this.descending;
		return "?" + SORT + "=" + heading.value() + "&" + ORDER + "=" + (descendNext ? "desc" : "asc");
	}

	/** The {@code aria-sort} value of a column heading. */
	String ariaSort(Column heading) {
		if (heading != this.column) {
			return "none";
		}
		return this.descending ? "descending" : "ascending";
	}

}
