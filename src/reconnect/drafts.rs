//! Draft openers: short, specific, honest. Built from facts (how the two know each other,
//! what changed since); they give first or ask for perspective, advice or feedback, and never
//! ask for a job. Several templates, chosen by the facts.

use super::Facts;

/// What the user wants from the conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Goal {
    Advice,
    #[default]
    Perspective,
    Feedback,
    Referral,
}

impl Goal {
    #[must_use]
    pub fn parse(text: &str) -> Option<Goal> {
        match text.to_ascii_lowercase().as_str() {
            "advice" => Some(Goal::Advice),
            "perspective" => Some(Goal::Perspective),
            "feedback" => Some(Goal::Feedback),
            "referral" => Some(Goal::Referral),
            _ => None,
        }
    }
}

fn org(facts: &Facts) -> String {
    if facts.company.trim().is_empty() {
        "your field".to_string()
    } else {
        facts.company.trim().to_string()
    }
}

/// The ask, by goal. None of them asks for a job.
fn ask(facts: &Facts, goal: Goal) -> String {
    let colleague_now = matches!(&facts.shared_employer, Some((_, true)));
    match goal {
        Goal::Perspective if colleague_now => format!(
            "Would you have 20 minutes in the next few weeks? I'd value your perspective on where your part of {} is heading and what you'd watch for.",
            org(facts)
        ),
        Goal::Perspective => format!(
            "Would you have 20 minutes in the next few weeks? I'd value your perspective on {}: how the work is changing and what you'd watch for.",
            org(facts)
        ),
        Goal::Advice => "I'm in the middle of a job search, and I'd be grateful for your advice on how you'd approach it in my shoes.".to_string(),
        Goal::Feedback => "I'm aiming at my next role and would really value your honest feedback on how I'm describing what I do. Could I send you two paragraphs?".to_string(),
        Goal::Referral => format!(
            "I'm looking at roles at {}; after we talk, if it seems a fit, I'd welcome your advice on the best way to put my name forward.",
            org(facts)
        ),
    }
}

/// The opening line, chosen by the facts. Every claim in it is one the export supports: a
/// draft says "since we last wrote" only of people the user exchanged messages with, and of a
/// shared employer only that both careers include it (the export cannot say whether the two
/// overlapped there).
fn opening(facts: &Facts) -> String {
    let name = &facts.first_name;
    if let Some((old, new)) = &facts.job_change {
        if old.trim().is_empty() {
            return format!("Hi {name}, I saw you started at {new}: congratulations, that's great news.");
        }
        return format!("Hi {name}, I just saw you moved from {old} to {new}: congratulations!");
    }
    if let Some(year) = facts.recommended_you {
        let when = if year > 0 { format!(" in {year}") } else { String::new() };
        return format!(
            "Hi {name}, I came across the recommendation you wrote me{when}, and it still means a lot to me."
        );
    }
    match &facts.shared_employer {
        // Both worked there, but perhaps not at the same time (the export has the contact's
        // company, not their dates): say only what both careers show.
        Some((employer, false)) => {
            return format!(
                "Hi {name}, we both have {employer} in our careers, and I realised it's been far too long since \
                 we were in touch."
            );
        }
        Some((employer, true)) if facts.messages == 0 => {
            return format!(
                "Hi {name}, we're both at {employer} and have never properly talked, which I'd like to fix."
            );
        }
        Some((employer, true)) => {
            return format!("Hi {name}, even with both of us at {employer}, it's been too long since we caught up.");
        }
        None => {}
    }
    let when = match facts.last_year {
        Some(y) if facts.years_since_message >= 1.0 => format!(" back in {y}"),
        _ => " a while ago".to_string(),
    };
    if facts.unanswered_sent > 0 {
        return format!("Hi {name}, I wrote to you{when} and imagine it got buried, so I'm trying once more, briefly.");
    }
    if facts.unanswered_received > 0 {
        return format!(
            "Hi {name}, you wrote to me{when} and I never answered properly, which I regret; I'd like to make up for it."
        );
    }
    if facts.messages == 0 {
        if facts.endorsed_you {
            return format!(
                "Hi {name}, I was looking at my profile and saw your endorsement again; I never properly thanked you for it."
            );
        }
        return format!(
            "Hi {name}, we've been connected here for a while without ever talking properly, which I'd like to fix."
        );
    }
    // "Since we last wrote" counts from the last message. Measured up to an old export it is
    // a lower bound: say no more than that.
    let years = facts.years_since_message;
    let gap = if facts.stale && years >= 2.0 {
        format!("over {}", crate::words::plural(whole_years(years), "year"))
    } else {
        years_in_words(years)
    };
    match facts.last_year.filter(|_| years >= 1.0) {
        Some(year) => format!(
            "Hi {name}, it's been {gap} since we last wrote (back in {year}) and I've wondered how things are going."
        ),
        None => format!("Hi {name}, it's been {gap} since we last wrote and I've wondered how things are going."),
    }
}

/// The whole years of a silence (a few decades at most, far inside an i64).
#[allow(clippy::cast_possible_truncation)]
fn whole_years(years: f64) -> i64 {
    years.floor() as i64
}

/// A long silence as people say it: "nearly 3 years" for 2 years 11 months, "over 4 years"
/// for 4 years 5 months, "a while" under two years.
fn years_in_words(years: f64) -> String {
    if years < 1.75 {
        return "a while".to_string();
    }
    let (whole, part) = (whole_years(years), years.fract());
    if part >= 0.75 {
        format!("nearly {} years", whole + 1)
    } else if part >= 0.25 {
        format!("over {}", crate::words::plural(whole, "year"))
    } else {
        format!("{whole} years")
    }
}

/// Something given first, when the facts allow.
fn give(facts: &Facts) -> Option<String> {
    if facts.at_target {
        return Some(format!(
            "{} is one of the places I'm most curious about right now.",
            org(facts)
        ));
    }
    if facts.you_recommended {
        return Some("If it's ever useful, I'm still glad to vouch for you.".to_string());
    }
    None
}

/// Builds a draft from the facts and the goal.
pub(crate) fn draft(facts: &Facts, goal: Goal) -> String {
    let mut parts = vec![opening(facts)];
    if let Some(g) = give(facts) {
        parts.push(g);
    }
    parts.push(ask(facts, goal));
    parts.join(" ")
}

/// Varies the closing by rank so that five drafts in one list never read alike.
pub(crate) fn rewrite_rank(draft: &str, rank: usize) -> String {
    const CLOSINGS: [&str; 5] = [
        "Either way, I hope you're well.",
        "No pressure at all if now isn't a good time.",
        "Hope all is good on your side.",
        "Happy to return the favour any time.",
        "Thanks, and I hope the year has been kind to you.",
    ];
    format!("{draft} {}", CLOSINGS[rank % CLOSINGS.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endorsement_is_not_a_conversation() {
        let facts = Facts {
            first_name: "Jonas".into(),
            endorsed_you: true,
            ..Facts::default()
        };
        let text = draft(&facts, Goal::Advice);
        assert!(!text.contains("since we last wrote"), "{text}");
        assert!(text.contains("your endorsement"), "{text}");
    }

    #[test]
    fn a_current_employer_is_not_talked_about_as_the_past() {
        let facts = Facts {
            first_name: "Omar".into(),
            company: "Gringotts".into(),
            shared_employer: Some(("Gringotts".into(), true)),
            ..Facts::default()
        };
        let text = draft(&facts, Goal::Perspective);
        assert!(!text.contains("days"), "{text}");
        assert!(text.starts_with("Hi Omar, we're both at Gringotts"), "{text}");
    }

    #[test]
    fn silences_read_as_people_say_them() {
        assert_eq!(years_in_words(2.92), "nearly 3 years");
        assert_eq!(years_in_words(4.4), "over 4 years");
        assert_eq!(years_in_words(1.5), "a while");
        assert_eq!(years_in_words(1.8), "nearly 2 years");
        assert_eq!(years_in_words(3.1), "3 years");
    }

    #[test]
    fn a_one_way_thread_is_not_called_never_talking() {
        let facts = Facts {
            first_name: "Oscar".into(),
            unanswered_sent: 6,
            last_year: Some(2022),
            years_since_message: 4.2,
            ..Facts::default()
        };
        let text = draft(&facts, Goal::Advice);
        assert!(text.starts_with("Hi Oscar, I wrote to you back in 2022"), "{text}");
        assert!(!text.contains("without ever talking"), "{text}");
    }

    #[test]
    fn a_self_employed_person_is_asked_about_their_work() {
        let facts = Facts {
            first_name: "Sam".into(),
            ..Facts::default()
        };
        let text = draft(&facts, Goal::Perspective);
        assert!(text.contains("perspective on your field"), "{text}");
    }

    #[test]
    fn drafts_never_ask_for_a_job() {
        let facts = Facts {
            first_name: "Ann".into(),
            company: "Acme".into(),
            job_change: Some(("Globex".into(), "Acme".into())),
            ..Facts::default()
        };
        for goal in [Goal::Advice, Goal::Perspective, Goal::Feedback, Goal::Referral] {
            let text = draft(&facts, goal).to_lowercase();
            assert!(
                text.starts_with("hi ann, i just saw you moved from globex to acme"),
                "{text}"
            );
            for banned in [
                "any jobs",
                "job openings",
                "are you hiring",
                "hire me",
                "open positions",
            ] {
                assert!(!text.contains(banned), "{text}");
            }
        }
    }
}
