import Foundation

/// The password rules of GB/T 22239 level 3 (and OWASP ASVS 2.1): at least ``AccountDraft/minimumPasswordLength``
/// characters, at most 128, not the user name (nor built around it), and not a common password: one of the list
/// below, a common word with digits or symbols added, a run of one character, a sequence (`0123456789`,
/// `abcdefghij`), or fewer than four different characters.
public enum PasswordPolicy {
    /// Refuses a password that breaks a rule, naming `field`.
    public static func check(_ password: String, username: String?, field: String) throws(DomainError) {
        let lower = password.lowercased()
        if let username = username?.lowercased(), username.count >= 3 {
            let letters = lower.filter { $0.isLetter || $0.isNumber }
            if lower.contains(username) || letters.contains(username.filter { $0.isLetter || $0.isNumber })
                || lower.contains(String(username.reversed())) {
                throw .invalid(field, "password_is_username")
            }
        }
        if isCommon(lower) { throw .invalid(field, "password_common") }
    }

    /// Whether a (lowercased) password is common or trivially guessable.
    static func isCommon(_ lower: String) -> Bool {
        if common.contains(lower) { return true }
        if Set(lower).count < 4 { return true }
        // A common word with digits or symbols around it: "password2025!", "woaini13145200".
        let core = lower.drop { !$0.isLetter }.reversed().drop { !$0.isLetter }.reversed()
        let word = String(core)
        if word.count >= 4, word.allSatisfy(\.isLetter), common.contains(word) || common.contains(word + "123") { return true }
        // Only digits and symbols around a common number: "5201314", "123456" with anything not a letter.
        if !lower.contains(where: \.isLetter) {
            let digits = lower.filter(\.isNumber)
            if isSequence(digits) || common.contains(digits) { return true }
        }
        return isSequence(lower)
    }

    /// True for a run in which each character is the one before it plus or minus one (`0123456789`, `9876543210`,
    /// `abcdefghij`), or the same one repeated.
    static func isSequence(_ text: String) -> Bool {
        let scalars = text.unicodeScalars.map(\.value)
        guard scalars.count >= 4 else { return false }
        let step = Int64(scalars[1]) - Int64(scalars[0])
        guard abs(step) <= 1 else { return false }
        for index in 1..<scalars.count where Int64(scalars[index]) - Int64(scalars[index - 1]) != step { return false }
        return true
    }

    /// Common passwords and the words they are built on, lowercased. Shorter entries matter as the words of longer
    /// passwords ("password" in "password2025"); the length rule refuses them on their own.
    static let common: Set<String> = [
        "!qaz2wsx", "0000000000", "0123456789", "0987654321", "1111111111", "11111111111", "1122334455",
        "1212121212", "1231231231", "123123123123", "1234512345", "1234567890", "1234567890a", "12345678910",
        "123456789a", "123456789abc", "123456abcdef", "1234asdf", "1234qwer", "1314520", "147258369", "1472583690",
        "159753159753", "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y", "1qaz2wsx", "1qaz2wsx3edc", "1qaz2wsx3edc4rfv",
        "1qaz@wsx", "1qaz@wsx3edc", "1qazxsw2", "2222222222", "5201314", "520520", "6666666666", "7418529630",
        "8888888888", "9876543210", "987654321a", "9999999999", "a123456", "a123456789", "a1234567890", "aa123456",
        "aa123456789", "aa1234567890", "aaaaaaaaaa", "abc123", "abc12345", "abc1234567", "abc123456789", "abcd1234",
        "abcd123456", "abcd12345678", "abcdefg", "abcdefgh", "abcdefghij", "abcdefghijk", "admin", "admin12345",
        "admin123456", "admin@123456", "administrator", "administrator1", "aini1314", "alibaba", "arsenal", "asd123",
        "asdf1234", "asdfgh", "asdfghjkl", "asdfghjkl123", "asdfghjkl;", "baidu", "baseball", "baseball123",
        "batman", "beijing", "changeme", "changeme123", "changeme1234", "chelsea", "china", "computer",
        "computer123", "default", "default1234", "dragon", "football", "football123", "forever", "freedom", "guest",
        "hello", "huawei", "iloveu", "iloveyou", "iloveyou!", "iloveyou123", "iloveyou1234", "internet",
        "internet123", "jiangsu", "jiangsu2025", "jordan23", "letmein", "letmein1234", "liuyang", "liverpool",
        "master", "michael", "monkey", "nanjing", "p@ssw0rd", "p@ssw0rd123", "p@ssword", "passw0rd", "passw0rd123",
        "password", "password123", "password123!", "password1234", "password12345", "password123456", "password@123",
        "princess", "princess123", "q1w2e3r4", "q1w2e3r4t5", "q1w2e3r4t5y6", "qaz123", "qazwsx", "qazwsxedc",
        "qazwsxedcrfv", "qq123456", "qq1234567890", "qwer1234", "qwerasdf", "qwerty", "qwerty12345", "qwerty123456",
        "qwertyui", "qwertyuiop", "qwertyuiop123", "root", "secret", "secret123", "shaanxi", "shaanxi2025", "shadow",
        "shanghai", "shanxi", "starwars", "starwars123", "sunshine", "sunshine123", "superman", "superman123",
        "suzhou", "taobao", "tencent", "test", "test123", "testtest", "toor", "trustno1", "wangyang", "wechat",
        "weixin", "welcome", "welcome123", "welcome1234", "whatever", "woaini", "woaini123456", "woaini1314",
        "woaini1314520", "woaini520", "xian", "xiaomi", "xiezuo", "xiezuo123456", "xiezuo2025", "xiezuo2026",
        "zaq12wsx", "zhangwei", "zhongguo", "zxc123", "zxcvbnm", "zxcvbnm,./", "zxcvbnm123", "zxcvbnm1234",
        "zxcvbnm123456", "zzzzzzzzzz"
    ]
}
