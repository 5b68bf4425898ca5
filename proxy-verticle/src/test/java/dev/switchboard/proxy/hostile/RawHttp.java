package dev.switchboard.proxy.hostile;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written by hand on a socket, so that a case can send what no HTTP client would: broken escapes, bare
 * header lines, lying lengths, bytes that are not text. The answer is read until the server closes the connection
 * (every request asks for {@code Connection: close} unless its case sets the header itself).
 */
final class RawHttp {

    /** What the server answered; status 0 when it closed the connection without an answer. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    /** The request bytes of {@code http}: its {@code raw} segments, or a request built from its fields. */
    static byte[] request(HostileCase http) {
        JsonObject spec = http.spec();
        if (spec.containsKey("raw")) {
            // Raw requests are bytes: each character of a string is one byte (ISO-8859-1), so \u00ff is 0xff.
            return HostileCase.bytes(spec.getValue("raw"), StandardCharsets.ISO_8859_1);
        }
        Map<String, byte[]> headers = new LinkedHashMap<>();
        List<Object[]> given = new ArrayList<>();
        Object declared = spec.getValue("headers");
        if (declared instanceof JsonObject map) {
            map.forEach(e -> given.add(new Object[] {e.getKey(), e.getValue()}));
        } else if (declared instanceof JsonArray pairs) {
            pairs.forEach(pair -> given.add(new Object[] {((JsonArray) pair).getString(0), ((JsonArray) pair).getValue(1)}));
        }
        byte[] body = http.body();
        boolean chunked = spec.getBoolean("chunked", false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((spec.getString("method", "GET") + " " + spec.getString("path", "/") + " "
                + spec.getString("version", "HTTP/1.1") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        boolean host = false;
        boolean length = false;
        boolean connection = false;
        for (Object[] header : given) {
            String name = ((String) header[0]).toLowerCase(Locale.ROOT);
            host |= name.equals("host");
            length |= name.equals("content-length") || name.equals("transfer-encoding");
            connection |= name.equals("connection");
            headers.put((String) header[0] + "\u0000" + headers.size(),
                    HostileCase.bytes(header[1], StandardCharsets.ISO_8859_1));
        }
        if (!host && !spec.getBoolean("no_host", false)) {
            line(out, "Host", "127.0.0.1".getBytes(StandardCharsets.ISO_8859_1));
        }
        headers.forEach((name, value) -> line(out, name.substring(0, name.indexOf('\u0000')), value));
        if (chunked) {
            line(out, "Transfer-Encoding", "chunked".getBytes(StandardCharsets.ISO_8859_1));
        } else if (!length && (body != null || spec.getString("method", "GET").equals("POST"))) {
            line(out, "Content-Length", String.valueOf(body == null ? 0 : body.length)
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        if (!connection) {
            line(out, "Connection", "close".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (chunked) {
            int size = spec.getInteger("chunk_size", 4096);
            for (int at = 0; body != null && at < body.length; at += size) {
                int n = Math.min(size, body.length - at);
                out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, at, n);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static void line(ByteArrayOutputStream out, String name, byte[] value) {
        out.writeBytes((name + ": ").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(value);
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends {@code request} on a fresh connection and reads the answer until the server closes it. */
    static Answer exchange(int port, byte[] request, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedWhileWriting) {
                // The server refused before reading everything (a 413 or 431 that closes): read its answer.
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("the server neither answered nor closed the connection (" + bytes.size()
                    + " bytes read)", e);
        } catch (IOException reset) {
            // A reset after the answer (the server closed with unread request bytes): keep what arrived.
        }
        return bytes.toByteArray();
    }

    static Answer parse(byte[] raw) {
        if (raw.length == 0) {
            return new Answer(0, Map.of(), new byte[0]);
        }
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
        }
        byte[] rest = end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            rest = dechunk(rest);
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length").get(0));
            rest = java.util.Arrays.copyOf(rest, Math.min(length, rest.length));
        }
        return new Answer(status, headers, rest);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int eol = indexOf(chunked, at);
            if (eol < 0) {
                break;
            }
            String size = new String(chunked, at, eol - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                break;
            }
            out.write(chunked, eol + 2, Math.min(n, chunked.length - eol - 2));
            at = eol + 2 + n + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
