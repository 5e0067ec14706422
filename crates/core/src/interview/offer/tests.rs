use super::*;
use crate::level::Level;
use crate::market::cost::Verdict;
use crate::market::Dataset;
use crate::pipeline::Stage;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn complete_checklist() -> OfferChecklist {
    let s = |t: &str| Some(t.to_string());
    OfferChecklist {
        ownership: s("The payments API and the ledger service"),
        decision_making: s("Design docs reviewed by the team; the tech lead decides ties"),
        incident_support: s("Two-person rota, a week in six, with a secondary on call"),
        on_call_pay: s("200 EUR per on-call week plus time off after night pages"),
        growth_path: s("Tech lead of the payments group within two years"),
        review_culture: s("Every change reviewed; decisions recorded as ADRs"),
    }
}

fn input(engagement: &str, amount: i64, period: &str) -> OfferInput {
    OfferInput {
        compensation: CompensationInput {
            pay: MoneyInput {
                amount,
                currency: None,
                period: period.into(),
            },
            equity: Some("0.05% over four years".into()),
            bonus_percent: Some(10),
        },
        engagement: engagement.into(),
        start_date: NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(),
        checklist: OfferChecklist::default(),
        conversion: None,
    }
}

#[test]
fn a_draft_may_be_incomplete_but_approval_needs_every_checklist_answer() {
    let mut offer = input("full_time", 120_000, "year").parse(today()).unwrap();
    assert_eq!(offer.status, OfferStatus::Draft);
    assert_eq!(offer.checklist.missing().len(), 6);
    let err = offer.transition(OfferStatus::Approved).unwrap_err();
    assert!(err.to_string().contains("on_call_pay"), "{err}");
    assert_eq!(offer.status, OfferStatus::Draft);
    offer.checklist = complete_checklist();
    offer.transition(OfferStatus::Approved).unwrap();
    assert_eq!(offer.status, OfferStatus::Approved);
}

#[test]
fn the_status_machine_allows_only_the_documented_paths() {
    let mut offer = input("full_time", 120_000, "year").parse(today()).unwrap();
    offer.checklist = complete_checklist();
    assert!(matches!(
        offer.transition(OfferStatus::Sent),
        Err(OfferError::Transition {
            from: OfferStatus::Draft,
            to: OfferStatus::Sent
        })
    ));
    offer.transition(OfferStatus::Approved).unwrap();
    offer.transition(OfferStatus::Draft).unwrap();
    offer.transition(OfferStatus::Approved).unwrap();
    offer.transition(OfferStatus::Sent).unwrap();
    offer.transition(OfferStatus::Accepted).unwrap();
    assert!(offer.status.is_final());
    assert!(offer.transition(OfferStatus::Withdrawn).is_err());
    for status in OfferStatus::ALL {
        for next in status.next() {
            assert!(!status.is_final(), "{status} -> {next}");
        }
    }
    let mut sent = offer.clone();
    sent.status = OfferStatus::Sent;
    sent.transition(OfferStatus::Declined).unwrap();
    let mut draft = offer;
    draft.status = OfferStatus::Draft;
    draft.transition(OfferStatus::Withdrawn).unwrap();
}

#[test]
fn no_offer_on_a_closed_application() {
    let err = Offer::may_offer_in(Stage::Rejected).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the application is rejected; reopen it before making an offer"
    );
    assert!(Offer::may_offer_in(Stage::Final).is_ok());
}

#[test]
fn bad_input_names_each_field() {
    let mut raw = input("gig", -5, "week");
    raw.compensation.bonus_percent = Some(500);
    raw.start_date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    raw.checklist.growth_path = Some("x".repeat(MAX_TEXT_CHARS + 1));
    let err = raw.parse(today()).unwrap_err();
    for field in [
        "compensation.pay.amount",
        "compensation.pay.period",
        "compensation.bonus_percent",
        "engagement",
        "start_date",
        "checklist.growth_path",
    ] {
        assert!(err.message_for(field).is_some(), "{field}: {err}");
    }
}

#[test]
fn contract_to_hire_needs_timeline_criteria_and_decision_maker() {
    let err = input("contract_to_hire", 80, "hour")
        .parse(today())
        .unwrap_err();
    assert!(err.message_for("conversion").is_some());
    let mut raw = input("contract_to_hire", 80, "hour");
    raw.conversion = Some(Conversion {
        after_months: Some(0),
        criteria: vec![" ".into()],
        decision_maker: None,
    });
    let err = raw.parse(today()).unwrap_err();
    for field in [
        "conversion.after_months",
        "conversion.criteria",
        "conversion.decision_maker",
    ] {
        assert!(err.message_for(field).is_some(), "{field}: {err}");
    }
    raw.conversion = Some(Conversion {
        after_months: Some(4),
        criteria: vec!["Owns the ledger service on call".into()],
        decision_maker: Some("Head of Engineering".into()),
    });
    assert_eq!(
        raw.parse(today()).unwrap().conversion.unwrap().after_months,
        Some(4)
    );
    let mut ft = input("full_time", 100_000, "year");
    ft.conversion = raw.conversion;
    assert!(ft
        .parse(today())
        .unwrap_err()
        .message_for("conversion")
        .is_some());
}

#[test]
fn the_offer_is_compared_with_the_market_band() {
    let data = Dataset::shipped().unwrap();
    let low = input("contractor", 60, "hour").parse(today()).unwrap();
    let check = market_comparison(&low, &data, Level::Senior, "eastern_europe").unwrap();
    assert_eq!(check.verdict, Verdict::Below);
    assert!(!check.used.is_empty(), "the comparison cites its sources");
    let fair = input("contractor", 85, "hour").parse(today()).unwrap();
    let check = market_comparison(&fair, &data, Level::Senior, "eastern_europe").unwrap();
    assert_ne!(check.verdict, Verdict::Below);
    let mut eur = input("contractor", 85, "hour");
    eur.compensation.pay.currency = Some("EUR".into());
    let eur = eur.parse(today()).unwrap();
    assert!(matches!(
        market_comparison(&eur, &data, Level::Senior, "eastern_europe"),
        Err(OfferError::Currency(c)) if c == "EUR"
    ));
    assert!(market_comparison(&fair, &data, Level::Senior, "mars").is_err());
}
