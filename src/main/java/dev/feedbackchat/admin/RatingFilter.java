package dev.feedbackchat.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

import dev.feedbackchat.model.Sentiment;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Which rated answers the dashboard table and the exports show. One SQL condition serves both, so a table
 * and its export always hold the same rows.
 *
 * @param rating         a sentiment or a value, or {@code null} for any
 * @param from           first day rated (UTC), or {@code null}
 * @param to             last day rated (UTC), or {@code null}
 * @param commented      with a comment, without, or {@code null} for either
 * @param withoutNeutral leave out neutral ratings (the KTO export, whose labels are only true or false)
 */
record RatingFilter(RatingChoice rating, LocalDate from, LocalDate to, Boolean commented, boolean withoutNeutral) {

	static final RatingFilter ANY = new RatingFilter(null, null, null, null, false);

	/** Only the date range: the chart counts every rating per day. */
	static RatingFilter ratedBetween(LocalDate from, LocalDate to) {
		return new RatingFilter(null, from, to, null, false);
	}

	RatingFilter excludingNeutral() {
		return new RatingFilter(rating, from, to, commented, true);
	}

	/** A condition on the feedback row {@code f}, with named parameters. */
	record Condition(String sql, Map<String, Object> params) {
	}

	Condition condition() {
		StringJoiner sql = new StringJoiner(" and ").setEmptyValue("1 = 1");
		Map<String, Object> params = new HashMap<>();
		if (rating != null && rating.sentiment() != null) {
			sql.add("f.sentiment = :sentiment");
			params.put("sentiment", rating.sentiment().id());
		}
		else if (rating != null) {
			sql.add("f.scale = :scale and f.rating = :rating");
			params.put("scale", rating.scale().id());
			params.put("rating", rating.value());
		}
		if (from != null) {
			sql.add("f.created_at >= :from");
			params.put("from", startOf(from));
		}
		if (to != null) {
			sql.add("f.created_at < :until");
			params.put("until", startOf(to.plusDays(1)));
		}
		if (commented != null) {
			sql.add(commented ? "f.comment is not null" : "f.comment is null");
		}
		if (withoutNeutral) {
			sql.add("f.sentiment <> :neutral");
			params.put("neutral", Sentiment.NEUTRAL.id());
		}
		return new Condition(sql.toString(), params);
	}

	/**
	 * Whether arena votes pass this filter, as training data (the DPO export): a vote has no rating and no
	 * comment, so it passes unless the filter asks for a rating or for a comment; the days then apply to when it
	 * was cast ({@link #start()}, {@link #until()}).
	 */
	boolean passesVotes() {
		return rating == null && !Boolean.TRUE.equals(commented);
	}

	/** The first instant of {@link #from}, or {@code null} for no lower bound. */
	Instant start() {
		return from == null ? null : startOf(from).toInstant();
	}

	/** The first instant after {@link #to}, or {@code null} for no upper bound. */
	Instant until() {
		return to == null ? null : startOf(to.plusDays(1)).toInstant();
	}

	private static OffsetDateTime startOf(LocalDate day) {
		return day.atStartOfDay().atOffset(ZoneOffset.UTC);
	}

	/** A link to {@code path} with this filter as query parameters (empty ones left out), and a page if > 1. */
	String link(String path, int page) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
		if (rating != null) {
			link.queryParam("rating", rating.id());
		}
		if (from != null) {
			link.queryParam("from", from);
		}
		if (to != null) {
			link.queryParam("to", to);
		}
		if (commented != null) {
			link.queryParam("commented", commented);
		}
		if (page > 1) {
			link.queryParam("page", page);
		}
		return link.encode().build().toUriString();
	}

	String link(String path) {
		return link(path, 1);
	}

}
