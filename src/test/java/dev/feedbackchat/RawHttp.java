package dev.feedbackchat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client sends as they are: a malformed address
 * ({@code /%}, {@code /..;/}), any Host header, huge headers. Tomcat sees every byte as written here.
 */
public final class RawHttp {

	/** A response: status, header lines as received, body (chunked encoding undone). */
	public record Response(int status, List<String> headers, String body) {

		public Optional<String> header(String name) {
			String prefix = name.toLowerCase(Locale.ROOT) + ":";
			return headers.stream()
				.filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
				.map(line -> line.substring(prefix.length()).trim())
				.findFirst();
		}

		/** Every value of a header, such as the Set-Cookie lines. */
		public List<String> headers(String name) {
			String prefix = name.toLowerCase(Locale.ROOT) + ":";
			return headers.stream()
				.filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
				.map(line -> line.substring(prefix.length()).trim())
				.toList();
		}

	}

	private RawHttp() {
	}

	/**
	 * Sends {@code method target} with these header lines (a Host header is added unless one is given) and
	 * body; reads the response to the end (the request asks the server to close the connection).
	 */
	public static Response send(int port, String method, String target, List<String> headerLines, String body)
			throws IOException {
		StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
		if (headerLines.stream().noneMatch(line -> line.regionMatches(true, 0, "Host:", 0, 5))) {
			request.append("Host: localhost:").append(port).append("\r\n");
		}
		headerLines.forEach(line -> request.append(line).append("\r\n"));
		byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
		if (body != null) {
			request.append("Content-Length: ").append(content.length).append("\r\n");
		}
		request.append("Connection: close\r\n\r\n");
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			return parse(socket.getInputStream().readAllBytes());
		}
	}

	public static Response get(int port, String target, String... headerLines) throws IOException {
		return send(port, "GET", target, List.of(headerLines), null);
	}

	private static Response parse(byte[] bytes) throws IOException {
		String raw = new String(bytes, StandardCharsets.ISO_8859_1);
		// A 100 Continue may come first.
		while (raw.startsWith("HTTP/1.1 1")) {
			raw = raw.substring(raw.indexOf("\r\n\r\n") + 4);
		}
		int end = raw.indexOf("\r\n\r\n");
		String[] lines = raw.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
		byte[] body = raw.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
		boolean chunked = headers.stream().anyMatch(line -> line.equalsIgnoreCase("Transfer-Encoding: chunked"));
		return new Response(status, headers,
				new String(chunked ? unchunk(body) : body, StandardCharsets.UTF_8));
	}

	private static byte[] unchunk(byte[] body) throws IOException {
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		InputStream in = new java.io.ByteArrayInputStream(body);
		while (true) {
			StringBuilder size = new StringBuilder();
			for (int c = in.read(); c != '\n' && c != -1; c = in.read()) {
				size.append((char) c);
			}
			int length = Integer.parseInt(size.toString().trim().split(";")[0], 16);
			if (length == 0) {
				return content.toByteArray();
			}
			content.write(in.readNBytes(length));
			in.readNBytes(2);
		}
	}

}
