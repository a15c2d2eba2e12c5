package dev.gatehouse.adapter.in.web;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as a self-contained SVG document (no script, no external reference), for showing an enrolment's
 * {@code otpauth://} URI to an authenticator app's camera. Error correction level M, a four-module quiet zone.
 */
final class QrSvg {

    private static final int BORDER = 4;

    private QrSvg() {
    }

    static String of(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = qr.size + BORDER * 2;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/><path d=\""
                + path + "\" fill=\"#000000\"/></svg>";
    }
}
