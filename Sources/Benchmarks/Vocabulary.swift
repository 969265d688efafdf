/// The words the corpus is made of. Filler never contains a watched alias: only the
/// mentions the generator places on purpose can match, so the expected alert count is known.
enum Vocabulary {
    // MARK: Watched names, as they appear in text (the watchlist has them as aliases).

    /// Watched places in Latin script, with spelling and diacritic variants.
    static let watchedPlaces = [
        "Kirkuk", "Kirkuk", "Kerkük", "Kerkuk", "Kerkûk", "Karkuk", "Dakuk", "Daquq", "Mosul", "Mosul",
        "Tuz Khurmatu", "Tuz Xurmatû", "Hawija", "Sinjar", "Şengal",
    ]
    /// Watched groups in Latin script.
    static let watchedGroups = [
        "ISIS", "Islamic State", "Daesh", "ISIL", "IS", "Peshmerga", "Popular Mobilization Forces", "PMF",
        "Hashd al-Shaabi",
    ]
    /// Watched places in Arabic script: bare, and with the proclitic preposition bi- attached.
    static let watchedPlacesArabic: [(bare: String, attached: String)] = [
        ("كركوك", "بكركوك"), ("الموصل", "بالموصل"), ("داقوق", "بداقوق"), ("الحويجة", "بالحويجة"),
        ("طوزخورماتو", "بطوزخورماتو"),
    ]
    static let watchedGroupsArabic = ["داعش", "تنظيم داعش", "الحشد الشعبي", "قوات البيشمركة", "البيشمركة"]

    // MARK: Unwatched names.

    static let otherPlaces = [
        "Basra", "Najaf", "Karbala", "Ramadi", "Fallujah", "Samarra", "Baquba", "Nasiriyah", "Amarah", "Kut",
        "Hillah", "Diwaniyah", "Duhok", "Halabja", "Erbil", "Sulaymaniyah",
    ]
    /// Unwatched places in Kurdish Latin spelling: diacritic text that must not match.
    static let otherPlacesDiacritic = ["Hewlêr", "Silêmanî", "Zaxo", "Helebce", "Dihok", "Çemçemal", "Şeqlawe"]
    static let otherPlacesArabic = ["البصرة", "النجف", "كربلاء", "الرمادي", "الفلوجة", "سامراء", "أربيل", "السليمانية"]

    // MARK: Headlines.

    static let plainHeadlines = [
        "Council approves budget for road repairs in {P}",
        "Power cuts spark protests in {P}",
        "Water shortages hit farmers near {P}",
        "New hospital wing opens in {P}",
        "Traders in {P} report rising flour prices",
        "Students in {P} return to class after the holiday",
        "Old market of {P} to be rebuilt by spring",
        "Election commission opens new offices in {P}",
        "Heatwave strains electricity grid around {P}",
        "Ministry pledges housing loans for families in {P}",
    ]
    static let watchedHeadlines = [
        "{G} fighters attack checkpoint near {P}",
        "{G} claims bombing at market in {P}",
        "Security forces clash with {G} cells south of {P}",
        "{G} deploys reinforcements to {P} after overnight raid",
        "Gunmen linked to {G} kill two shepherds near {P}",
        "Roadside bomb blamed on {G} hits convoy outside {P}",
        "Curfew imposed in {P}'s old city after {G} raid",
    ]
    static let plainHeadlinesArabic = [
        "مجلس المحافظة يقر موازنة لإصلاح الطرق في {P}",
        "انقطاع الكهرباء يثير احتجاجات في {P}",
        "شح المياه يضرب المزارعين قرب {P}",
        "افتتاح جناح جديد في مستشفى {P}",
        "التجار في {P} يشكون ارتفاع أسعار الطحين",
    ]
    static let watchedHeadlinesArabic = [
        "هجوم مسلح يتبنّاه {G} قرب {P}",
        "اشتباكات بين القوات الأمنية و{G} جنوب {P}",
        "{G} يرسل تعزيزات إلى {P} بعد غارة ليلية",
        "عبوة ناسفة تستهدف رتلاً قرب {P} و{G} متهم",
    ]

    // MARK: Filler sentences.

    static let subjects = [
        "Local officials", "The provincial council", "A government spokesman", "Residents", "Analysts",
        "The ministry of planning", "Humanitarian groups", "Farmers in the area", "Traders",
        "The electricity directorate",
        "University students", "A parliamentary committee", "The governor's office", "Engineers from the water board",
    ]
    static let verbs = [
        "said on Monday that", "warned that", "announced that", "told reporters that", "expect that",
        "reported that", "confirmed that", "argued that", "complained that", "noted that",
    ]
    static let clauses = [
        "the new budget would fund road repairs", "water levels in the reservoir had fallen again",
        "power cuts lasted up to twelve hours a day", "prices of flour & cooking oil rose sharply",
        "the reconstruction of the old market was behind schedule",
        "talks on the oil revenue law would resume next week", "schools would reopen after the holiday",
        "the harvest was better than last year", "a new hospital wing would open in the spring",
        "unemployment among young graduates remained high", "the cabinet approved a plan to expand the airport",
        "negotiations over the disputed territories made little progress",
        "the council’s decision was \"final\" and would not be reviewed",
        "fuel imports from the south had doubled since the summer",
    ]
    static let tails = [
        "", " on Tuesday", " this week", " according to a statement", " in a televised address", " despite the heat",
        " after a long delay",
    ]
    static let arabicSentences = [
        "قال مسؤولون محليون إن الوضع الأمني مستقر في المحافظة.",
        "وأضاف المصدر أن القوات الأمنية نفذت عملية تفتيش في المناطق الريفية خلال الأسبوع الماضي.",
        "وأكد المحافظ أن الموازنة العامة ستخصص أموالاً لإصلاح الطرق والجسور.",
        "ويشكو السكان من ارتفاع أسعار المواد الغذائية وانقطاع التيار الكهربائي.",
        "وبحسب بيان رسمي، فإن مجلس المحافظة سيعقد جلسة طارئة لمناقشة الانتخابات المحلية.",
        "وأشار مراقبون إلى أن المفاوضات حول قانون النفط والغاز لم تحرز تقدماً يُذكر.",
        "وتعمل فرق الهندسة على إعادة تأهيل محطة المياه الرئيسية قبل حلول الصيف.",
    ]
    static let authors = [
        "Staff reporter", "Amira Hassan", "Karwan Ahmed", "Layla Mahmoud", "Omar Saleh", "Shirin Aziz", "News desk",
    ]
    static let categories = ["Politics", "Security", "Economy", "Society", "Energy", "Regional", "Local news"]
    static let categoriesArabic = ["سياسة", "أمن", "اقتصاد", "محليات"]
}
