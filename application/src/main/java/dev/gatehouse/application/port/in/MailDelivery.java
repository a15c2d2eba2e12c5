package dev.gatehouse.application.port.in;

/** What one round of mail delivery did: mails sent, failed (to be tried again) and given up. */
public record MailDelivery(int sent, int failed, int abandoned) {

    public boolean didAnything() {
        return sent + failed + abandoned > 0;
    }
}
