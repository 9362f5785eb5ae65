package dev.feedbackchat.privacy;

import java.security.Principal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import dev.feedbackchat.store.ChatRecord;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Repository;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the admins did, and who tried to sign in: a table ({@code audit_event}) that {@code /admin/audit} shows.
 * An entry is written in the caller's transaction when there is one, so a deletion and its entry are kept or lost
 * together. Texts are cut to fit and their control characters replaced; nothing here ever sees a password.
 */
@Repository
public class AuditLog {

	/** What the entries say they are. */
	public static final String SIGN_IN = "sign-in";

	public static final String SIGN_IN_FAILED = "sign-in-failed";

	public static final String EXPORT = "export";

	public static final String DELETE = "delete";

	public static final String RESEND = "resend";

	static final int MAX_ACTOR = 100;

	static final int MAX_ADDRESS = 64;

	static final int MAX_DETAIL = 2000;

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, ObjectProvider<Clock> clock) {
		this.jdbc = jdbc;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * Records an action of the request being served: its signed-in user (if any) and client address (if any) are
	 * taken from it. For callers such as a Deliveries page's Resend: {@code record(AuditLog.RESEND, "event 42")}.
	 */
	public void record(String action, String detail) {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		String actor = signedIn == null || !signedIn.isAuthenticated() ? null : signedIn.getName();
		record(action, actor, clientAddress(), detail);
	}

	/** Records an action of this actor from this address (each may be null). */
	public void record(String action, String actor, String address, String detail) {
		jdbc.sql("insert into audit_event (at, action, actor, address, detail) values (:at, :action, :actor, :address, "
				+ ":detail)")
			.param("at", ChatRecord.utc(clock.instant()))
			.param("action", clean(action, 32))
			.param("actor", clean(actor, MAX_ACTOR))
			.param("address", clean(address, MAX_ADDRESS))
			.param("detail", clean(detail, MAX_DETAIL))
			.update();
	}

	/** Records an action of this signed-in user from the current request's address. */
	public void record(String action, Principal actor, String detail) {
		record(action, actor == null ? null : actor.getName(), clientAddress(), detail);
	}

	/** The entries, newest first: page {@code page} (from 1) of {@code size}. */
	public List<AuditEntry> page(int page, int size) {
		return jdbc.sql("select id, at, action, actor, address, detail from audit_event order by at desc, id desc "
				+ "limit :size offset :offset")
			.param("size", size)
			.param("offset", (long) (page - 1) * size)
			.query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
					rs.getString("action"), rs.getString("actor"), rs.getString("address"), rs.getString("detail")))
			.list();
	}

	public long count() {
		return jdbc.sql("select count(*) from audit_event").query(Long.class).single();
	}

	/** The current request's client address, or null outside of one. */
	static String clientAddress() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest().getRemoteAddr() : null;
	}

	/** On one line (control characters become spaces) and at most {@code max} characters, an ellipsis marking a cut. */
	static String clean(String text, int max) {
		if (text == null) {
			return null;
		}
		StringBuilder clean = new StringBuilder(Math.min(text.length(), max));
		text.codePoints().forEach(c -> clean.appendCodePoint(
				Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c));
		if (clean.length() <= max) {
			return clean.toString();
		}
		int end = max - 1;
		if (Character.isHighSurrogate(clean.charAt(end - 1))) {
			end--;
		}
		return clean.substring(0, end) + "…";
	}

}
