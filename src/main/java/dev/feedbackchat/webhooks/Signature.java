package dev.feedbackchat.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures as the Standard Webhooks specification makes them: {@code v1,} and the base64 HMAC-SHA256 of
 * {@code <webhook-id>.<webhook-timestamp>.<body>} with the secret's bytes; the verifier a receiver would run.
 */
public final class Signature {

	static final String SECRET_PREFIX = "whsec_";

	private Signature() {
	}

	/** The key of a secret: the base64 after {@code whsec_}, else the secret's UTF-8 bytes. */
	public static byte[] key(String secret) {
		if (!secret.startsWith(SECRET_PREFIX)) {
			return secret.getBytes(StandardCharsets.UTF_8);
		}
		try {
			byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
			if (key.length == 0) {
				throw new IllegalArgumentException("a webhook secret of the form whsec_<base64> is empty");
			}
			return key;
		}
		catch (IllegalArgumentException ex) {
			// The message must not quote the secret.
			throw new IllegalArgumentException("a webhook secret starting with whsec_ must be base64 after it");
		}
	}

	/** The {@code webhook-signature} header's value. */
	public static String sign(byte[] key, String id, long timestamp, byte[] body) {
		return "v1," + Base64.getEncoder().encodeToString(hmac(key, id, timestamp, body));
	}

	/**
	 * Whether any of the space-separated signatures in a {@code webhook-signature} header is a valid {@code v1}
	 * signature of this message (compared in constant time). Checking the timestamp's age is the caller's part.
	 */
	public static boolean verify(byte[] key, String id, String timestamp, byte[] body, String header) {
		long seconds;
		try {
			seconds = Long.parseLong(timestamp);
		}
		catch (NumberFormatException ex) {
			return false;
		}
		byte[] expected = hmac(key, id, seconds, body);
		for (String signature : header.trim().split(" +")) {
			if (!signature.startsWith("v1,")) {
				continue;
			}
			byte[] given;
			try {
				given = Base64.getDecoder().decode(signature.substring(3));
			}
			catch (IllegalArgumentException ex) {
				continue;
			}
			if (MessageDigest.isEqual(expected, given)) {
				return true;
			}
		}
		return false;
	}

	private static byte[] hmac(byte[] key, String id, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
