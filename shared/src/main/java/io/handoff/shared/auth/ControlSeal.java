package io.handoff.shared.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The authenticator a command carries in its {@code handoff-auth} header: {@code v1.<issuedAtMs>.<nonce>.<mac>},
 * where the mac is HMAC-SHA256 under the {@link ControlKey} over everything before it and the record's value.
 * The value is the command's JSON as it is on the topic, so what is checked is exactly what is acted on.
 * The issue time and the random nonce let a receiver tell a replayed copy from the original ({@link ReplayGuard}).
 */
public final class ControlSeal {

    /** The Kafka header that carries the seal. */
    public static final String HEADER = "handoff-auth";
    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_IN = Base64.getUrlDecoder();

    /** A seal that verified: when it was issued and its nonce, for the replay check. */
    public record Opened(long issuedAtMs, String nonce) {
    }

    /** Why a seal did not verify. */
    public static final class Refused extends Exception {
        private final Rejection reason;

        Refused(Rejection reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Rejection reason() {
            return reason;
        }
    }

    private ControlSeal() {
    }

    /** The header value that seals this value, issued now. */
    public static byte[] seal(ControlKey key, byte[] value) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String signed = VERSION + "." + System.currentTimeMillis() + "." + HexFormat.of().formatHex(nonce) + ".";
        return (signed + B64.encodeToString(mac(key, signed, value))).getBytes(StandardCharsets.US_ASCII);
    }

    /** Checks a header value (null when the record has none) against the value it came with. */
    public static Opened open(ControlKey key, byte[] header, byte[] value) throws Refused {
        if (header == null) {
            throw new Refused(Rejection.UNSIGNED, "no " + HEADER + " header");
        }
        String seal = new String(header, StandardCharsets.US_ASCII);
        String[] parts = seal.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(VERSION) || !parts[2].matches("[0-9a-f]{32}")
                || !parts[1].matches("[0-9]{1,18}")) {
            throw new Refused(Rejection.FORGED, HEADER + " is not " + VERSION + ".<ms>.<nonce>.<mac>");
        }
        byte[] given;
        try {
            given = B64_IN.decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new Refused(Rejection.FORGED, HEADER + " has a mac that is not base64url");
        }
        String signed = parts[0] + "." + parts[1] + "." + parts[2] + ".";
        // Constant time, so the comparison tells an attacker nothing about how much of a guess was right.
        if (!MessageDigest.isEqual(given, mac(key, signed, value == null ? new byte[0] : value))) {
            throw new Refused(Rejection.FORGED, "the mac does not match: another key, or a changed command");
        }
        return new Opened(Long.parseLong(parts[1]), parts[2]);
    }

    private static byte[] mac(ControlKey key, String signed, byte[] value) {
        try {
            // A Mac per call: commands are few, and a Mac is not safe to share between threads.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.secret(), ALGORITHM));
            mac.update(signed.getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
