package io.github.twiliosmsmcp.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class VerificationCodesTest {

    // Worded like the messages services really send; names and numbers are made up.
    static Stream<Arguments> messagesWithACode() {
        return Stream.of(
                // a keyword, then "is" or ':' or nothing, then the code
                arguments("Your code is 482913", "482913"),
                arguments("OTP: 4829", "4829"),
                arguments("Your verification code is: 123-456", "123456"),
                arguments("PIN 9921", "9921"),
                arguments("Your Apple Account code is: 583920. Don't share it with anyone.\n\n@apple.com #583920 %apple.com",
                        "583920"),
                arguments("WhatsApp code 123-456", "123456"),
                arguments("Your WhatsApp code: 318-220\n\nYou can also tap on this link to verify your phone: "
                        + "v.whatsapp.com/318220\n\nDon't share this code with others", "318220"),
                arguments("Your one-time password is 882731. Do not share it.", "882731"),
                arguments("Your Uber code: 4421. Never share this code. Reply STOP ALL to unsubscribe.", "4421"),
                arguments("Your Amazon OTP is 650213. Do not share it with anyone.", "650213"),
                arguments("Telegram code: 71234\n\nYou can also tap on this link to log in:\nhttps://t.me/login/71234",
                        "71234"),
                arguments("Login code: 71234. Do not give this code to anyone, even if they say they are from Telegram!",
                        "71234"),
                arguments("Your Signal code: 123-456", "123456"),
                arguments("Your Stripe verification code is: 902114. Don't share this code with anyone; our employees"
                        + " will never ask for the code.", "902114"),
                arguments("Your Twitter confirmation code is 664210.", "664210"),
                arguments("Your X verification code is 5WQ8K2. Do not share it.", "5WQ8K2"),
                arguments("Your Steam Guard code is: F7K2M", "F7K2M"),
                arguments("Your code is AB12CD", "AB12CD"),
                arguments("Your Discord security code is: 330912", "330912"),
                arguments("Your LinkedIn verification code is 771204.", "771204"),
                arguments("Your Netflix verification code is 4821. It expires in 15 minutes.", "4821"),
                arguments("Your Coinbase verification code is: 1234567. Don't share this code with anyone.", "1234567"),
                arguments("[Binance] Verification code: 410392. Do not share your code with anyone.", "410392"),
                arguments("Snapchat code: 552901. Happy Snapping!", "552901"),
                arguments("Your Tinder code is 118822", "118822"),
                arguments("Your DoorDash verification code is 773311. Reply STOP to opt out.", "773311"),
                arguments("BofA: DO NOT share this code. We will NEVER call you or text you for it. Code 291044."
                        + " Reply HELP if you didn't request it.", "291044"),
                arguments("Wells Fargo: Your one-time passcode is 80213377. It expires in 10 min. Call 1-800-869-3557"
                        + " if you didn't request it.", "80213377"),
                arguments("Venmo here! NEVER share this code via call/text. ONLY use it to sign in. Code: 604812",
                        "604812"),
                arguments("Your Airbnb verification code is: 290144. Don't share this code with anyone.", "290144"),
                arguments("Your Google Voice verification code is 550321. Questions? Call (415) 555-2671.", "550321"),
                arguments("Your 2FA code is 90411 (valid until 10:30)", "90411"),
                arguments("Your security token: 77812301", "77812301"),
                arguments("Your code for Stripe is 662901", "662901"),
                arguments("Your PIN is 2019", "2019"),
                arguments("Your verification code is \"481122\".", "481122"),
                arguments("Order #99812 update: your verification code is 3390", "3390"),
                arguments("Account 5521: your code is 6612", "6612"),
                arguments("Verification code: 0042. Valid 5 mins", "0042"),
                arguments("<#> Your ExampleApp code is: 123456 FA+9qCX9VSu", "123456"),
                arguments("Your OTP for transaction of Rs. 5,000.00 at AMAZON on card XX1234 is 728190. Valid for 10 mins.",
                        "728190"),
                // the code, then a phrase naming it
                arguments("G-123456 is your Google verification code.", "123456"),
                arguments("482913 is your Amazon OTP", "482913"),
                arguments("PayPal: 772811 is your security code. Don't share your code.", "772811"),
                arguments("123456 is your Facebook confirmation code", "123456"),
                arguments("FB-40213 is your Facebook confirmation code", "40213"),
                arguments("[TikTok] 902381 is your verification code, valid for 5 minutes.", "902381"),
                arguments("123 456 is your Instagram code. Don't share it.", "123456"),
                arguments("Don't share this code with anyone. 847261 is your Uber code.", "847261"),
                arguments("728190 is your OTP for txn of INR 5000 on card ending 1234", "728190"),
                arguments("Use 1234567 as Microsoft account security code", "1234567"),
                arguments("Chase: DON'T share. Use 12345678 to verify your identity. We'll NEVER call you to ask"
                        + " for this code.", "12345678"),
                arguments("Use 84512 as your Yahoo verification code", "84512"),
                arguments("Enter 4821 to confirm your phone number on Lyft.", "4821"),
                // other languages
                arguments("Tu código es 5520", "5520"),
                arguments("Tu código de verificación es 118230. No lo compartas.", "118230"),
                arguments("Tu código de WhatsApp es 123-456", "123456"),
                arguments("5520 es tu código de Uber", "5520"),
                arguments("Votre code de vérification est 3390", "3390"),
                arguments("Votre code WhatsApp : 621-904", "621904"),
                arguments("Votre code d'accès est 77120. Ne le partagez pas.", "77120"),
                arguments("Ihr Bestätigungscode lautet 480213", "480213"),
                arguments("Ihre TAN: 902144", "902144"),
                arguments("Verwenden Sie 552109 als Sicherheitscode für Ihr Microsoft-Konto", "552109"),
                arguments("Seu código do Nubank é 663201", "663201"),
                arguments("Il tuo codice di verifica è 408812", "408812"),
                arguments("Je verificatiecode is 713390", "713390"),
                arguments("Din kod är 5021", "5021"),
                arguments("Ваш код: 4821", "4821"),
                // no keyword at all: the one plausible number
                arguments("Sign-in attempt from Chrome on Windows. 402918 Never share it.", "402918"),
                arguments("Bank of Springfield: 29384 - do not share. Sent 11/21 at 10:30.", "29384"),
                arguments("Hi! Here is the thing you asked for: 771240. It expires in 10 minutes.", "771240"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("messagesWithACode")
    void findsTheCode(String text, String expected) {
        assertEquals(Optional.of(expected), VerificationCodes.find(text));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        // appointments and meetings
        "Reminder: your appointment with Dr. Smith is on 11/21/2026 at 10:30 AM. Reply C to confirm.",
        "Your appointment is on Nov 21, 2026 at 3:15pm at 1450 Main St. Reply Y to confirm.",
        "Meeting at 10:30 on 11/21",
        "Your visit is booked for 2026-11-21 at 14:45. See you then!",
        "Rappel : rendez-vous le 21/11/2026 à 10:30.",
        "Dentist on 21 November 2026 at 9am",
        // deliveries
        "Your order #112-3344556-7788990 has shipped. Track at https://amzn.to/3xYz9Qa",
        "UPS: Your package 1Z999AA10123456784 will be delivered tomorrow between 2:00 PM and 6:00 PM.",
        "FedEx: tracking 7749 1234 5678 is out for delivery today.",
        "Delivered: your parcel 7734 9921 0012 was left at the front door at 14:05.",
        "Order 48213 is ready for pickup at store 0912.",
        "Ticket 48213 has been updated. Ref: 552910.",
        "Your invoice INV-2024-0042 is due 2026-12-01.",
        // phone numbers
        "call me at 415-555-2671",
        "Call me at (415) 555-2671 when you land",
        "New number: +1 415 555 2671",
        "Text 4155552671 for help",
        "Questions? Call 1-800-275-2273.",
        // prices, balances and cards
        "Your total is $12.50",
        "Your total is \"$1299\". Thanks for shopping!",
        "Price drop: now 1,299.00 on our site",
        "Flash sale: €1299 only today",
        "Invoice total 1299 USD",
        "Your balance is $1,234.56",
        "Card ending in 4821 was charged $45.00 at Starbucks.",
        "Your Chase account ending in 1234: a payment of $2,500.00 posted on 11/21.",
        "Visa ****4821: purchase of 38.20 EUR approved",
        "You earned 1500 points this month!",
        "Save 20% this weekend at www.example.com/sale2026",
        // marketing and chatter
        "Reply STOP to unsubscribe",
        "Use promo code SPRING25 for 25% off your next order.",
        "Your zip code 94105 is outside our delivery area.",
        "See you in 2026!",
        "We've been serving you since 2019. Thanks for being a customer!",
        "Your table for 4 is ready.",
        "Your verification code has expired. Request a new one.",
        "Your booking code is ABC123",
        "Error code 4012: payment failed",
        "Flight UA 1234 departs at 10:30 from gate B12",
        "Your code is 1234-5678",
        "Happy birthday! Dinner at 7?",
        "Pick one: 4821 or 7730",
        "2019 is the year we met",
        "Read more at https://example.com/news/2026/11/21/story-482913"})
    void findsNothingWhereThereIsNoCode(String text) {
        assertEquals(Optional.empty(), VerificationCodes.find(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\n\t"})
    void nothingInNothing(String text) {
        assertEquals(Optional.empty(), VerificationCodes.find(text));
    }

    static Stream<String> longTexts() {
        int size = 10 * 1024;
        return Stream.of(
                "a".repeat(size),
                "9".repeat(size),
                "1234 5678 ".repeat(size / 10),
                "code is ".repeat(size / 8),
                "code ".repeat(size / 5) + "is",
                "1.".repeat(size / 2),
                "$1,".repeat(size / 3),
                "+1 (".repeat(size / 4),
                "x".repeat(size) + "@" + "y.".repeat(size / 2),
                "http://".repeat(size / 7),
                "order ".repeat(size / 6),
                "123 is your ".repeat(size / 12),
                " ".repeat(size) + "code");
    }

    // A ten-kilobyte body is far past any real SMS, but a regex gone quadratic would stall the tool call.
    @ParameterizedTest
    @MethodSource("longTexts")
    void longTextIsQuickAndEmpty(String text) {
        Optional<String> found = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> VerificationCodes.find(text));

        assertEquals(Optional.empty(), found);
    }

    @Test
    void codeAtTheEndOfALongTextIsStillFound() {
        String text = "Lorem ipsum dolor sit amet. ".repeat(360) + "Your code is 482913";

        assertEquals(Optional.of("482913"), VerificationCodes.find(text));
    }
}
