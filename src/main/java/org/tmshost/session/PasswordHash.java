package org.tmshost.session;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** Salted PBKDF2-HMAC-SHA512: a 16-byte random salt and a 512-bit hash, both kept as Base64. */
final class PasswordHash {
    private static final String ALGORITHM = "PBKDF2WithHmacSHA512";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 512;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    /** A fresh salt and the hash of {@code password} with it, as Base64: {salt, hash}. */
    static String[] create(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new String[]{Base64.getEncoder().encodeToString(salt),
                Base64.getEncoder().encodeToString(hash(password, salt, iterations))};
    }

    /** Whether {@code password} hashes to {@code hash} (constant-time comparison). */
    static boolean matches(char[] password, String salt, String hash, int iterations) {
        byte[] expected = Base64.getDecoder().decode(hash);
        byte[] actual = hash(password, Base64.getDecoder().decode(salt), iterations);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] hash(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }
}
