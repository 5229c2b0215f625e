package dev.duet.yaml;

import dev.duet.error.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a text file that must be UTF-8. A byte sequence that is not is reported at its line and column
 * (counted in characters, as an editor shows them), with the offending bytes in hex, so the user can
 * find a Latin-1 'é' pasted into a playbook or inventory.
 */
public final class Utf8Text {
    private Utf8Text() {
    }

    public static String read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file, 0, 0, "cannot read: " + e.getMessage());
        }
        return decode(file, bytes);
    }

    static String decode(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw badByte(file, out.flip().toString(), bytes, in.position(), r.length());
        }
        r = decoder.flush(out);
        if (r.isError()) {
            throw badByte(file, out.flip().toString(), bytes, in.position(), 1);
        }
        return out.flip().toString();
    }

    private static InputException badByte(Path file, String before, byte[] bytes, int at, int length) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < before.length(); i++) {
            if (before.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        StringBuilder hex = new StringBuilder();
        for (int i = at; i < Math.min(bytes.length, at + Math.max(1, length)); i++) {
            hex.append(hex.length() == 0 ? "" : " ").append(String.format("0x%02X", bytes[i] & 0xFF));
        }
        return new InputException(file, line, column, "not valid UTF-8 (byte " + hex
                + "); save the file as UTF-8");
    }
}
