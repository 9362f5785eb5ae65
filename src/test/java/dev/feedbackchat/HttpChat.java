package dev.feedbackchat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** One browser session over real HTTP (java.net.http): cookies, CSRF token, htmx headers, SSE reading. */
public class HttpChat {

	/** One Server-Sent Event and when it arrived (System.nanoTime()). */
	public record SseEvent(String id, String name, String data, long arrivedNanos) {
	}

	/** The answer text the page would show from these events: their {@code chunk} data, HTML-unescaped. */
	public static String text(List<SseEvent> events) {
		StringBuilder text = new StringBuilder();
		events.stream().filter(e -> e.name().equals("chunk")).forEach(e -> text.append(HtmlUtils.htmlUnescape(e.data())));
		return text.toString();
	}

	/**
	 * What a stream ends with: its closing {@code done} event (the last event), parsed. It carries the finished
	 * message's article and the composer's fieldset, swapped out of band.
	 */
	public static Element closing(List<SseEvent> events) {
		assertThat(events).as("events of a stream").isNotEmpty();
		SseEvent done = events.get(events.size() - 1);
		assertThat(done.name()).as("the last event").isEqualTo("done");
		return Jsoup.parseBodyFragment(done.data()).body();
	}

	/** The finished answer's article, as the closing {@code done} event of its stream carries it. */
	public static Element finished(List<SseEvent> events) {
		Element answer = closing(events).selectFirst("article.message.assistant");
		assertThat(answer).as("the answer in the done event").isNotNull();
		return answer;
	}

	private final HttpClient client;

	private final String base;

	/** Shared with {@link #via}: one session, one token, whichever server is asked. */
	private final AtomicReference<String> csrfToken;

	/** The Accept-Language header of every request; {@code null} sends none. */
	private final String language;

	public HttpChat(int port) {
		this(port, null);
	}

	/** A browser that asks for pages in {@code acceptLanguage} (an Accept-Language header; {@code null} for none). */
	public HttpChat(int port, String acceptLanguage) {
		this(HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build(),
				port, new AtomicReference<>(), acceptLanguage);
	}

	private HttpChat(HttpClient client, int port, AtomicReference<String> csrfToken, String language) {
		this.client = client;
		this.base = "http://localhost:" + port;
		this.csrfToken = csrfToken;
		this.language = language;
	}

	/**
	 * The same browser session talking to another server on this host (another instance of the app): cookies
	 * are per host, not per port, so it sends the same session cookie.
	 */
	public HttpChat via(int port) {
		return new HttpChat(client, port, csrfToken, language);
	}

	/** The session cookie as a Cookie header value ({@code JSESSIONID=...}), for clients that bring their own socket. */
	public String sessionCookie() {
		CookieManager cookies = (CookieManager) client.cookieHandler().orElseThrow();
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(cookie -> cookie.getName().equals("JSESSIONID"))
			.findFirst()
			.orElseThrow()
			.toString();
	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return get(path, false);
	}

	/** A GET as htmx sends it (with HX-Request) or as a plain link. */
	public HttpResponse<String> get(String path, boolean htmx) throws IOException, InterruptedException {
		HttpRequest.Builder request = request(path);
		if (htmx) {
			request.header("HX-Request", "true");
		}
		return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A GET whose body the caller reads as it arrives (and closes), for downloads too big to hold. */
	public HttpResponse<InputStream> open(String path) throws IOException, InterruptedException {
		return client.send(request(path).timeout(Duration.ofMinutes(30)).GET().build(),
				HttpResponse.BodyHandlers.ofInputStream());
	}

	/** Loads the chat page, keeping its CSRF token for the posts that follow. */
	public Document page() throws IOException, InterruptedException {
		HttpResponse<String> response = get("/");
		assertThat(response.statusCode()).isEqualTo(200);
		Document page = Jsoup.parse(response.body());
		csrfToken.set(page.selectFirst("input[name=_csrf]").val());
		return page;
	}

	public HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
		if (csrfToken.get() == null) {
			page();
		}
		HttpRequest request = request(path).header("HX-Request", "true")
			.header("X-CSRF-TOKEN", csrfToken.get())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(formBody(form))
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Presses a submit button of a page as a browser without JavaScript does: it submits its form (its
	 * {@code form} attribute's, else the one around it) to its {@code formaction}, with the form's fields, the
	 * fields elsewhere that name the form, {@code typed} values for them, and the button's own name and value.
	 */
	public HttpResponse<String> press(Document page, Element button, Map<String, String> typed)
			throws IOException, InterruptedException {
		Element form = button.hasAttr("form") ? page.getElementById(button.attr("form")) : button.closest("form");
		assertThat(form).as("the form of %s", button).isNotNull();
		assertThat(form.attr("method")).isEqualToIgnoringCase("post");
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		for (Element field : page.select("input[name], textarea[name]")) {
			// As a browser: a checkbox is sent only when checked (a reason chip, say).
			boolean unchecked = field.is("input[type=checkbox]") && !field.hasAttr("checked");
			if (!unchecked && (field.closest("form") == form || form.id().equals(field.attr("form")))) {
				String name = field.attr("name");
				fields.put(name, typed.getOrDefault(name, field.is("textarea") ? field.wholeText() : field.val()));
			}
		}
		if (button.hasAttr("name")) {
			fields.put(button.attr("name"), button.val());
		}
		String action = button.hasAttr("formaction") ? button.attr("formaction") : form.attr("action");
		HttpRequest request = request(action).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(formBody(fields))
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** Signs in to /admin through its login form, as a person would; the session cookie keeps it. */
	public void signIn(String username, String password) throws IOException, InterruptedException {
		String token = Jsoup.parse(get("/admin/login").body()).selectFirst("input[name=_csrf]").val();
		HttpRequest request = request("/admin/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(formBody(Map.of("username", username, "password", password, "_csrf", token)))
			.build();
		HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/admin"));
	}

	private static HttpRequest.BodyPublisher formBody(Map<String, String> form) {
		return HttpRequest.BodyPublishers.ofString(form.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&")));
	}

	/** Sends a prompt that must be accepted; returns the id of its answer. */
	public String send(String prompt) throws IOException, InterruptedException {
		HttpResponse<String> response = post("/messages", Map.of("prompt", prompt));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Element answer = Jsoup.parseBodyFragment(response.body()).selectFirst("article.message.assistant");
		return answer.id().substring("m-".length());
	}

	public HttpResponse<String> rate(String messageId, int value) throws IOException, InterruptedException {
		return post("/messages/" + messageId + "/feedback", Map.of("value", Integer.toString(value)));
	}

	/** Opens the answer's event stream; the caller reads events from it and closes it. */
	public EventStream stream(String messageId, String lastEventId) throws IOException, InterruptedException {
		return streamAt("/messages/" + messageId + "/stream", lastEventId);
	}

	/** Reads a whole event stream at {@code path} (an arena side's, say), to its end. */
	public List<SseEvent> readAllAt(String path) throws IOException, InterruptedException {
		try (EventStream stream = streamAt(path, null)) {
			return stream.rest();
		}
	}

	/** Opens the event stream at {@code path}; the caller reads events from it and closes it. */
	public EventStream streamAt(String path, String lastEventId) throws IOException, InterruptedException {
		HttpRequest.Builder request = request(path).header("Accept", "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<InputStream> response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
		return new EventStream(response.body());
	}

	/** Reads the answer's stream to its end; returns the finished message its {@code done} event carries. */
	public Element finish(String messageId) throws IOException, InterruptedException {
		return finished(readAll(messageId, null));
	}

	/** Reads the whole stream of an answer, to its end. */
	public List<SseEvent> readAll(String messageId, String lastEventId) throws IOException, InterruptedException {
		try (EventStream stream = stream(messageId, lastEventId)) {
			return stream.rest();
		}
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
		return language == null ? request : request.header("Accept-Language", language);
	}

	public static final class EventStream implements AutoCloseable {

		private final InputStream body;

		private final BufferedReader reader;

		public EventStream(InputStream body) {
			this.body = body;
			this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
		}

		/** The events from here to the end of the stream. */
		public List<SseEvent> rest() throws IOException {
			List<SseEvent> events = new ArrayList<>();
			for (SseEvent event = next(); event != null; event = next()) {
				events.add(event);
			}
			return events;
		}

		/** The next event, or null at the end of the stream. */
		public SseEvent next() throws IOException {
			String id = null;
			String name = "message";
			StringBuilder data = null;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.isEmpty()) {
					if (data != null) {
						return new SseEvent(id, name, data.toString(), System.nanoTime());
					}
					continue;
				}
				int colon = line.indexOf(':');
				String field = colon < 0 ? line : line.substring(0, colon);
				String value = colon < 0 ? "" : line.substring(colon + 1);
				// As the browser does: one leading space of a value is dropped.
				value = value.startsWith(" ") ? value.substring(1) : value;
				switch (field) {
					case "id" -> id = value;
					case "event" -> name = value;
					case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
					default -> {
					}
				}
			}
			return null;
		}

		@Override
		public void close() throws IOException {
			body.close();
		}

	}

}
