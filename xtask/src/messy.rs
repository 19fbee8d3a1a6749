//! Seeded archives with the traits of real ones: mail with junk, misdated and undated
//! documents, thousands of senders, bodies from three words to 250 KB, Arabic.
//!
//! # Overview
//! Generated text that is too clean flatters a search engine: real archives (a mail
//! export, a scraped press office) have heavy-tailed vocabularies full of junk tokens,
//! dates typed wrong, and a few enormous documents. [`mail`] writes such an archive as
//! corpus JSON, the same bytes for the same seed:
//!
//! - bodies of mail: a greeting, paragraphs of real prose (State of the Union addresses),
//!   quoted earlier messages, signatures, and junk: HTML tags and entities, tracking URLs,
//!   hex message ids, base64 attachment blocks;
//! - sizes from three words to 250 KB (log-normal, with a long tail);
//! - thousands of distinct senders (`source`) and recipients (`people`), Zipf-distributed;
//! - subjects that repeat (`Re:`, `Fwd:`, the same subject in many threads);
//! - dates with times, in a few busy years, about 2% undated and 1% misdated to the years
//!   0102 or 2102, or to 1970-01-01;
//! - about 3% Arabic press releases and 2% mixed-script mail;
//! - about 9% of messages filed twice, as mail exports hold them (the same message, its
//!   subject, text and date, in a second folder under another id: an identical copy).
//!
//! [`huge`] writes five small documents and one of about 50 MB.

use chronicle_core::json::{write_string, write_string_list};
use chronicle_core::metadata::Field;
use chronicle_core::Corpus;

use crate::generate::Rng;

const FIRST_NAMES: [&str; 60] = [
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "William",
    "Elizabeth",
    "David",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Christopher",
    "Nancy",
    "Daniel",
    "Lisa",
    "Matthew",
    "Betty",
    "Anthony",
    "Margaret",
    "Mark",
    "Sandra",
    "Donald",
    "Ashley",
    "Steven",
    "Kimberly",
    "Paul",
    "Emily",
    "Andrew",
    "Donna",
    "Joshua",
    "Michelle",
    "Kenneth",
    "Dorothy",
    "Kevin",
    "Carol",
    "Brian",
    "Amanda",
    "George",
    "Melissa",
    "Omar",
    "Layla",
    "Ahmad",
    "Fatima",
    "Khaled",
    "Noura",
    "Samir",
    "Huda",
    "Youssef",
    "Rania",
    "Tariq",
    "Dana",
];

const LAST_NAMES: [&str; 80] = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Gomez",
    "Phillips",
    "Evans",
    "Turner",
    "Diaz",
    "Parker",
    "Cruz",
    "Edwards",
    "Collins",
    "Reyes",
    "Stewart",
    "Morris",
    "Morales",
    "Murphy",
    "Cook",
    "Rogers",
    "Gutierrez",
    "Ortiz",
    "Morgan",
    "Cooper",
    "Peterson",
    "Bailey",
    "Reed",
    "Kelly",
    "Howard",
    "Haddad",
    "Khoury",
    "Nasser",
    "Saleh",
    "Mansour",
];

const DOMAINS: [&str; 24] = [
    "enron.com",
    "ect.enron.com",
    "aol.com",
    "hotmail.com",
    "yahoo.com",
    "gmail.com",
    "caiso.com",
    "pge.com",
    "sempra.com",
    "dynegy.com",
    "reliant.com",
    "calpine.com",
    "duke-energy.com",
    "williams.com",
    "elpaso.com",
    "ferc.gov",
    "energy.ca.gov",
    "lists.example.org",
    "etilaf.org",
    "syriancoalition.org",
    "un.org",
    "reuters.com",
    "news.example.net",
    "law.example.com",
];

const FOLDERS: [&str; 14] = [
    "inbox",
    "sent_items",
    "deleted_items",
    "all_documents",
    "discussion_threads",
    "notes_inbox",
    "calendar",
    "california",
    "regulatory",
    "meetings",
    "projects",
    "personal",
    "archive",
    "press",
];

const SUBJECT_WORDS: [&str; 40] = [
    "meeting",
    "update",
    "schedule",
    "draft",
    "contract",
    "agreement",
    "report",
    "proposal",
    "call",
    "review",
    "comments",
    "budget",
    "deal",
    "status",
    "request",
    "question",
    "follow-up",
    "notes",
    "summary",
    "presentation",
    "invoice",
    "minutes",
    "conference",
    "filing",
    "tariff",
    "settlement",
    "price",
    "trading",
    "position",
    "credit",
    "legal",
    "memo",
    "announcement",
    "reminder",
    "changes",
    "documents",
    "numbers",
    "forecast",
    "plan",
    "weekly",
];

const GREETINGS: [&str; 8] = [
    "Hi all,",
    "Dear colleagues,",
    "Thanks,",
    "Hello,",
    "Folks,",
    "Team,",
    "Good morning,",
    "",
];

const ARABIC_TITLES: [&str; 10] = [
    "الائتلاف يطالب بحماية المدنيين في إدلب",
    "بيان حول جولة المفاوضات في جنيف",
    "لقاء مع المبعوث الأممي إلى سوريا",
    "الهيئة السياسية تناقش ملف المعتقلين",
    "ترحيب بوصول المساعدات الإنسانية إلى المخيمات",
    "الائتلاف: لا حل عسكرياً في سوريا",
    "اجتماع اللجنة القانونية حول المحاسبة",
    "قصف المستشفيات في ريف حلب الغربي",
    "المفاوضات المقبلة والدستور",
    "تصريح صحفي حول اللجنة الدستورية",
];

const ARABIC_PARAGRAPHS: [&str; 12] = [
    "أكد الائتلاف الوطني السوري اليوم أن المفاوضات السياسية في جنيف يجب أن تستند إلى قرار مجلس الأمن 2254، وأن الحل السياسي هو الطريق الوحيد لإنهاء معاناة الشعب السوري.",
    "وقال رئيس الائتلاف في بيان صحفي إن الهجمات على إدلب تهدد الاتفاق الموقع في سوتشي، داعياً المجتمع الدولي إلى تحمل مسؤولياته تجاه المدنيين.",
    "التقى وفد من الائتلاف بالمبعوث الأممي إلى سوريا لبحث مستقبل العملية السياسية وتشكيل اللجنة الدستورية.",
    "وأشار البيان إلى أن أكثر من ثلاثة ملايين مدني يعيشون في محافظة إدلب، بينهم مئات الآلاف من النازحين من حلب وحماة ودمشق.",
    "وطالبت الهيئة السياسية بالإفراج عن المعتقلين والكشف عن مصير المفقودين، معتبرة أن ملف المعتقلين قضية إنسانية لا تخضع للتفاوض.",
    "وشدد المتحدث باسم الائتلاف على أن المفاوضات لن تنجح دون ضمانات دولية لوقف إطلاق النار وعودة اللاجئين بشكل آمن وطوعي.",
    "من جهة أخرى، رحبت الحكومة السورية المؤقتة بالمساعدات الإنسانية التي وصلت إلى المخيمات في الشمال السوري.",
    "وأضاف أن الائتلاف مستمر في التواصل مع الدول الصديقة والشقيقة من أجل دعم الانتقال السياسي وفق بيان جنيف.",
    "وفي سياق متصل، عقدت اللجنة القانونية اجتماعاً لمناقشة آليات محاسبة مرتكبي جرائم الحرب واستخدام الأسلحة الكيميائية.",
    "وأكدت المنظمات الطبية أن المستشفيات في ريف حلب الغربي تعرضت للقصف خلال الأسبوع الماضي، ما أدى إلى خروج عدد منها عن الخدمة.",
    "وبالمفاوضات وحدها يمكن الوصول إلى حل عادل ودائم، كما قال عضو الهيئة السياسية في مؤتمر صحفي عُقد في إسطنبول.",
    "والمفاوضات المقبلة ستتناول ملفات الدستور والانتخابات والحوكمة ومكافحة الإرهاب.",
];

/// Zipf-distributed picks among `n` items (weights 1/(i+1)), by binary search over the
/// cumulative weights: the generator draws millions of them.
struct Zipf(Vec<f64>);

impl Zipf {
    fn new(n: usize) -> Zipf {
        let mut total = 0.0;
        Zipf(
            (0..n.max(1))
                .map(|i| {
                    total += 1.0 / (i + 1) as f64;
                    total
                })
                .collect(),
        )
    }

    fn pick(&self, rng: &mut Rng) -> usize {
        let x = unit(rng) * self.0[self.0.len() - 1];
        self.0.partition_point(|&c| c < x).min(self.0.len() - 1)
    }
}

/// Pools of names and text a generated archive draws from.
struct Pools<'a> {
    prose: Vec<&'a str>,
    prose_zipf: Zipf,
    senders: Vec<(String, String)>,
    sender_zipf: Zipf,
    subjects: Vec<String>,
    subject_zipf: Zipf,
}

impl Pools<'_> {
    fn sender(&self, rng: &mut Rng) -> &(String, String) {
        &self.senders[self.sender_zipf.pick(rng)]
    }

    fn subject(&self, rng: &mut Rng) -> &str {
        &self.subjects[self.subject_zipf.pick(rng)]
    }
}

impl<'a> Pools<'a> {
    fn new(source: &'a Corpus, rng: &mut Rng) -> Pools<'a> {
        let prose: Vec<&str> = source
            .documents
            .iter()
            .filter(|d| {
                d.values(Field::Tag)
                    .iter()
                    .any(|t| t == "State of the Union")
            })
            .flat_map(|d| d.paragraphs().into_iter().map(|(_, p)| p))
            .filter(|p| p.len() > 60)
            .collect();
        // 60 × 80 names × a domain each: 4,800 people, shuffled so the frequent senders are
        // spread over the alphabet.
        let mut senders = Vec::new();
        for first in FIRST_NAMES {
            for last in LAST_NAMES {
                let domain = DOMAINS[rng.zipf(DOMAINS.len())];
                let email = format!(
                    "{}.{}@{domain}",
                    first.to_ascii_lowercase(),
                    last.to_ascii_lowercase()
                );
                senders.push((format!("{first} {last}"), email));
            }
        }
        shuffle(&mut senders, rng);
        // About 3,000 subjects, many threads share one.
        let subjects: Vec<String> = (0..3000)
            .map(|i| {
                let mut s = String::new();
                for k in 0..1 + rng.below(4) {
                    if k > 0 {
                        s.push(' ');
                    }
                    s.push_str(SUBJECT_WORDS[rng.zipf(SUBJECT_WORDS.len())]);
                }
                if i % 7 == 0 {
                    s = format!("{s} {}", 1990 + rng.below(15));
                }
                capitalize(&s)
            })
            .collect();
        Pools {
            prose_zipf: Zipf::new(prose.len()),
            prose,
            sender_zipf: Zipf::new(senders.len()),
            senders,
            subject_zipf: Zipf::new(subjects.len()),
            subjects,
        }
    }
}

fn shuffle<T>(v: &mut [T], rng: &mut Rng) {
    for i in (1..v.len()).rev() {
        let j = rng.below(i + 1);
        v.swap(i, j);
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn hex(rng: &mut Rng, len: usize) -> String {
    (0..len)
        .map(|_| b"0123456789abcdef"[rng.below(16)] as char)
        .collect()
}

fn base64_line(rng: &mut Rng, len: usize) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    (0..len).map(|_| ALPHABET[rng.below(64)] as char).collect()
}

/// A uniform number in [0, 1).
fn unit(rng: &mut Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// A normally distributed number (Box–Muller).
fn normal(rng: &mut Rng) -> f64 {
    let u = unit(rng).max(1e-12);
    let v = unit(rng);
    (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

/// How many bytes a body aims at: a few words for some, log-normal around 1.5 KB for
/// most, capped at 250 KB.
fn body_target(rng: &mut Rng) -> usize {
    if rng.below(100) < 3 {
        return 0;
    }
    let bytes = (7.2 + 1.25 * normal(rng)).exp();
    (bytes as usize).clamp(40, 250_000)
}

/// A date as the corpus writes it: mostly a time with an offset in a few busy years;
/// some undated (`None`), some misdated.
fn mail_date(rng: &mut Rng) -> Option<String> {
    let roll = rng.below(1000);
    if roll < 20 {
        return None;
    }
    if roll < 30 {
        // Typos and defaults seen in real mail exports.
        return Some(match rng.below(3) {
            0 => format!("0102-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
            1 => format!("2102-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
            _ => "1970-01-01T00:00:00Z".to_string(),
        });
    }
    // Busy years: 1999–2002, with most mail in 2000–2001.
    let year = [1998, 1999, 2000, 2000, 2001, 2001, 2001, 2002][rng.below(8)];
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(chronicle_core::date::days_in_month(year, month as u32) as usize);
    Some(match rng.below(20) {
        0 => format!("{year}-{month:02}"),
        1 => format!("{year}-{month:02}-{day:02}"),
        _ => format!(
            "{year}-{month:02}-{day:02}T{:02}:{:02}:00{}",
            rng.below(24),
            rng.below(60),
            ["-07:00", "-08:00", "-05:00", "Z", "+02:00"][rng.below(5)]
        ),
    })
}

/// The body of a piece of mail, about `target` bytes. See the module docs.
fn mail_body(rng: &mut Rng, pools: &Pools, target: usize, sender: &(String, String)) -> String {
    if target == 0 {
        let words: Vec<&str> = pools.prose[rng.below(pools.prose.len())]
            .split_whitespace()
            .take(3 + rng.below(6))
            .collect();
        return words.join(" ");
    }
    let mut body = String::with_capacity(target + 512);
    let greeting = GREETINGS[rng.below(GREETINGS.len())];
    if !greeting.is_empty() {
        body.push_str(greeting);
        body.push_str("\n\n");
    }
    let html = rng.below(100) < 12;
    if html {
        body.push_str("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=us-ascii\"></head><body><div style=\"font-family:Arial,sans-serif;font-size:10pt\">");
    }
    while body.len() < target {
        let p = pools.prose[pools.prose_zipf.pick(rng)];
        let p = if rng.below(2) == 0 {
            p
        } else {
            pools.prose[rng.below(pools.prose.len())]
        };
        match rng.below(40) {
            0..=2 => {
                // A quoted earlier message.
                let (name, email) = pools.sender(rng);
                body.push_str(&format!(
                    "-----Original Message-----\nFrom: {name} <{email}>\nSent: {} {} {}, 2001 {}:{:02} PM\nTo: {}\nSubject: RE: {}\n\n",
                    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"][rng.below(5)],
                    ["January", "March", "May", "June", "October", "November"][rng.below(6)],
                    1 + rng.below(28),
                    1 + rng.below(11),
                    rng.below(60),
                    sender.1,
                    pools.subject(rng)
                ));
                for line in p.split(". ") {
                    body.push_str("> ");
                    body.push_str(line);
                    body.push('\n');
                }
                body.push('\n');
            }
            3..=4 => {
                body.push_str(&format!(
                    "See https://www.{}/cgi-bin/track?u={}&id={}&utm_source=mail&utm_campaign={} for details.\n\n",
                    DOMAINS[rng.below(DOMAINS.len())],
                    hex(rng, 24),
                    hex(rng, 12),
                    rng.below(10_000)
                ));
            }
            5 => {
                body.push_str(&format!(
                    "Message-ID: <{}.{}.JavaMail.evans@thyme>\nX-Mailer: Lotus Notes {}.{}\n\n",
                    rng.below(30_000_000),
                    rng.below(1_000_000_000),
                    4 + rng.below(3),
                    rng.below(10)
                ));
            }
            6 if html => {
                body.push_str("</div><table border=\"0\" cellpadding=\"2\"><tr><td>&nbsp;</td><td><b>Total</b>&nbsp;&amp;&nbsp;");
                body.push_str(&format!(
                    "{}.{:02}</td></tr></table><div>",
                    rng.below(100_000),
                    rng.below(100)
                ));
            }
            7 => {
                // A line of numbers, as in a pasted spreadsheet.
                for _ in 0..8 {
                    body.push_str(&format!("{}\t", rng.below(1_000_000)));
                }
                body.push_str("\n\n");
            }
            _ => {
                body.push_str(p);
                body.push_str(if html { "<br>&nbsp;<br>\n" } else { "\n\n" });
            }
        }
    }
    if html {
        body.push_str("</div></body></html>");
    }
    // An attachment, base64 encoded, in some mail.
    if rng.below(1000) < 15 {
        let lines = 20 + rng.below(1200.min((250_000usize.saturating_sub(body.len())) / 77 + 1));
        body.push_str(&format!(
            "\n\n--=_alternative {}\nContent-Type: application/octet-stream; name=\"{}.xls\"\nContent-Transfer-Encoding: base64\n\n",
            hex(rng, 16),
            hex(rng, 6)
        ));
        for _ in 0..lines {
            body.push_str(&base64_line(rng, 76));
            body.push('\n');
        }
    }
    body.push_str(&format!(
        "\n\n{}\n{}\nTel: +1 713 {:03} {:04}\n",
        sender.0,
        sender.1,
        rng.below(1000),
        rng.below(10_000)
    ));
    body
}

fn arabic_body(rng: &mut Rng) -> String {
    let n = 2 + rng.below(6);
    let mut paragraphs: Vec<&str> = (0..n)
        .map(|_| ARABIC_PARAGRAPHS[rng.below(ARABIC_PARAGRAPHS.len())])
        .collect();
    paragraphs.dedup();
    let mut body = format!("إسطنبول، أخبار أرك: {}", paragraphs.join("\n\n"));
    body.push_str("\n\nالمصدر: الائتلاف الوطني السوري");
    body
}

/// A mail-like archive of `n` documents as corpus JSON. See the module docs.
pub fn mail(source: &Corpus, n: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed ^ 0x6d61_696c);
    let pools = Pools::new(source, &mut rng);
    let mut out = String::with_capacity(n * 4300);
    out.push_str("{\"format\":\"chronicle-corpus\",\"version\":1,\"title\":");
    write_string(&format!("Mail archive: {n} generated messages"), &mut out);
    out.push_str(",\"description\":");
    write_string(
        "Generated by cargo xtask with the traits of a real mail export: junk tokens, \
         misdated and undated messages, thousands of senders, a few huge bodies, Arabic.",
        &mut out,
    );
    out.push_str(",\"documents\":[\n");
    // Which messages are filed twice: a stream of its own, so the messages themselves are
    // those of the same seed without copies.
    let mut filing = Rng::new(seed ^ 0x636f_7079);
    let mut i = 0;
    while i < n {
        let kind = rng.below(100);
        let sender = pools.sender(&mut rng).clone();
        let (title, body, language, source) = if kind < 3 {
            let title = ARABIC_TITLES[rng.below(ARABIC_TITLES.len())].to_string();
            (
                title,
                arabic_body(&mut rng),
                "ar",
                "الائتلاف الوطني السوري".to_string(),
            )
        } else {
            let subject = pools.subject(&mut rng).to_string();
            let title = match rng.below(10) {
                0..=2 => format!("Re: {subject}"),
                3 => format!("RE: FW: {subject}"),
                4 => format!("Fwd: {subject}"),
                _ => subject,
            };
            let target = body_target(&mut rng);
            let mut body = mail_body(&mut rng, &pools, target, &sender);
            if kind < 5 {
                // Mixed scripts: an Arabic paragraph quoted in English mail.
                body.push_str("\n\n");
                body.push_str(ARABIC_PARAGRAPHS[rng.below(ARABIC_PARAGRAPHS.len())]);
            }
            (title, body, "en", format!("{} <{}>", sender.0, sender.1))
        };
        let recipients: Vec<String> = (0..rng.below(5))
            .map(|_| pools.sender(&mut rng).0.clone())
            .fold(Vec::new(), |mut v, p| {
                if !v.contains(&p) {
                    v.push(p);
                }
                v
            });
        let id = format!("<{}.{i}@mail.example>", hex(&mut rng, 12));
        let date = mail_date(&mut rng);
        let domain = sender.1.split('@').nth(1).unwrap_or("example.org");
        let folder = FOLDERS[rng.zipf(FOLDERS.len())];
        let mut message = String::new();
        message.push_str(",\"title\":");
        write_string(&title, &mut message);
        if let Some(date) = date {
            message.push_str(",\"date\":");
            write_string(&date, &mut message);
        }
        message.push_str(",\"source\":");
        write_string(&source, &mut message);
        message.push_str(&format!(",\"language\":\"{language}\",\"people\":"));
        write_string_list(&recipients, &mut message);
        message.push_str(",\"organizations\":");
        write_string_list(&[domain.to_string()], &mut message);
        message.push_str(",\"tags\":");
        let write = |id: &str, folder: &str, first: bool, out: &mut String| {
            out.push_str(if first { "" } else { ",\n" });
            out.push_str("{\"id\":");
            write_string(id, out);
            out.push_str(&message);
            write_string_list(&[folder.to_string()], out);
            out.push_str(",\"body\":");
            write_string(&body, out);
            out.push('}');
        };
        write(&id, folder, i == 0, &mut out);
        i += 1;
        if i < n && filing.below(100) < 9 {
            let again = FOLDERS[filing.below(FOLDERS.len())];
            write(&format!("{id}/{again}"), again, false, &mut out);
            i += 1;
        }
    }
    out.push_str("\n]}\n");
    out
}

/// Five small documents and one of about `huge_bytes` (prose, with junk): opening it must
/// not put millions of marks in the page.
pub fn huge(source: &Corpus, huge_bytes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed ^ 0x6875_6765);
    let pools = Pools::new(source, &mut rng);
    let mut out = String::with_capacity(huge_bytes + 100_000);
    out.push_str("{\"format\":\"chronicle-corpus\",\"version\":1,\"title\":\"One huge document\",\"documents\":[\n");
    for i in 0..6 {
        let sender = pools.sender(&mut rng).clone();
        let (title, body) = if i == 3 {
            let mut body = String::with_capacity(huge_bytes);
            while body.len() < huge_bytes {
                body.push_str(&mail_body(&mut rng, &pools, 200_000, &sender));
                body.push_str("\n\n");
            }
            (
                "The whole mailbox, exported as one message".to_string(),
                body,
            )
        } else {
            let target = body_target(&mut rng).min(4000);
            (
                pools.subjects[rng.below(pools.subjects.len())].clone(),
                mail_body(&mut rng, &pools, target, &sender),
            )
        };
        out.push_str(if i == 0 { "" } else { ",\n" });
        out.push_str(&format!("{{\"id\":\"doc-{i}\",\"title\":"));
        write_string(&title, &mut out);
        out.push_str(&format!(",\"date\":\"2001-0{}-1{}\",\"source\":", 1 + i, i));
        write_string(&sender.0, &mut out);
        out.push_str(",\"body\":");
        write_string(&body, &mut out);
        out.push('}');
    }
    out.push_str("\n]}\n");
    out
}
