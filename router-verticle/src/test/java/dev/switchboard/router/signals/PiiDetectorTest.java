package dev.switchboard.router.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiDetectorTest {

    @Test
    void shouldNameEachTypeItFinds() {
        assertThat(PiiDetector.find("write to ana@example.org")).containsExactly(PiiDetector.EMAIL_ADDRESS);
        assertThat(PiiDetector.find("call me on +44 20 7946 0958 tomorrow")).containsExactly(PiiDetector.PHONE_NUMBER);
        assertThat(PiiDetector.find("SSN 123-45-6789")).containsExactly(PiiDetector.US_SSN);
        assertThat(PiiDetector.find("the server at 192.168.10.4 is down")).containsExactly(PiiDetector.IP_ADDRESS);
        assertThat(PiiDetector.find("IBAN GB82 WEST 1234 5698 7654 32")).containsExactly(PiiDetector.IBAN_CODE);
        assertThat(PiiDetector.find("my key is sk-abcdefghijklmnopqrstuvwx")).containsExactly(PiiDetector.API_KEY);
    }

    @Test
    void shouldOnlyReportCardNumbersWhoseChecksumHolds() {
        assertThat(PiiDetector.find("card 4111 1111 1111 1111")).containsExactly(PiiDetector.CREDIT_CARD);
        assertThat(PiiDetector.find("order 4111 1111 1111 1112")).isEmpty();
        assertThat(PiiDetector.find("IBAN GB82 WEST 1234 5698 7654 33")).isEmpty();
    }

    @Test
    void shouldFindNothingInOrdinaryText() {
        assertThat(PiiDetector.find("In 1969, 3 astronauts flew 384,400 km to the Moon; version 1.2.3 shipped.")).isEmpty();
    }
}
