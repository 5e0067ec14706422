//! A message template (subject and body) checked against the variables of its event, and rendered.
//! Checking happens when a template is saved, so a typo in a variable name is a 422 for the admin
//! who made it, not a failed email at two in the morning.

use super::MessageEvent;
use crate::error::ValidationErrors;
use minijinja::{Environment, UndefinedBehavior, Value};
use std::collections::BTreeMap;

/// Longest subject template accepted, in characters.
pub const MAX_SUBJECT_CHARS: usize = 300;
/// Longest body template accepted, in characters.
pub const MAX_BODY_CHARS: usize = 20_000;

/// Names minijinja provides itself; a template may call them without its event offering them.
const BUILTIN_GLOBALS: &[&str] = &["range", "dict", "namespace", "debug"];

/// A template that parses and uses only its event's variables.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageTemplate {
    pub event: MessageEvent,
    pub subject: String,
    pub body: String,
}

/// A rendered message: a one-line subject and a plain-text body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

/// The values for one message. Every variable of the event must be set (optional ones may be
/// `None`) before rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageValues {
    event: MessageEvent,
    values: BTreeMap<&'static str, Option<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    #[error("the {event} message needs '{variable}', which was not given")]
    Missing {
        event: &'static str,
        variable: &'static str,
    },
    #[error("'{variable}' is not a variable of the {event} message")]
    Unknown {
        event: &'static str,
        variable: String,
    },
    #[error("the {event} template cannot be rendered: {message}")]
    Template {
        event: &'static str,
        message: String,
    },
}

impl MessageValues {
    pub fn new(event: MessageEvent) -> Self {
        Self {
            event,
            values: BTreeMap::new(),
        }
    }

    /// Sets a variable; a name the event does not offer is refused when rendering.
    pub fn set(&mut self, name: &str, value: impl Into<String>) -> &mut Self {
        self.put(name, Some(value.into()))
    }

    /// Sets an optional variable to a value or to nothing.
    pub fn set_opt(&mut self, name: &str, value: Option<impl Into<String>>) -> &mut Self {
        self.put(name, value.map(Into::into))
    }

    fn put(&mut self, name: &str, value: Option<String>) -> &mut Self {
        match self.event.variable(name) {
            Some(v) => {
                self.values.insert(v.name, value);
            }
            // Kept under a marker so `render` can name the unknown variable.
            None => {
                self.values.insert("", Some(name.to_string()));
            }
        }
        self
    }

    fn context(&self) -> Result<BTreeMap<&'static str, Value>, RenderError> {
        let event = self.event.as_str();
        if let Some(Some(name)) = self.values.get("") {
            return Err(RenderError::Unknown {
                event,
                variable: name.clone(),
            });
        }
        let mut context = BTreeMap::new();
        for v in self.event.variables() {
            match self.values.get(v.name) {
                Some(Some(value)) => {
                    context.insert(v.name, Value::from(value.as_str()));
                }
                Some(None) | None if v.optional => {
                    context.insert(v.name, Value::from(()));
                }
                _ => {
                    return Err(RenderError::Missing {
                        event,
                        variable: v.name,
                    })
                }
            }
        }
        Ok(context)
    }
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    // A misspelt variable must fail loudly, never print as an empty string in a candidate's inbox.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_keep_trailing_newline(true);
    env
}

impl MessageTemplate {
    /// Checks a template for `event`: both parts parse, use only the event's variables, and render
    /// with sample values (and with optional variables empty). Errors name `subject` or `body`.
    pub fn parse(event: MessageEvent, subject: &str, body: &str) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let env = environment();
        for (field, source, max) in [
            ("subject", subject, MAX_SUBJECT_CHARS),
            ("body", body, MAX_BODY_CHARS),
        ] {
            if let Err(message) = check_part(&env, event, source, max, field == "subject") {
                errors.add(field, message);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let template = MessageTemplate {
            event,
            subject: subject.trim().to_string(),
            body: body.replace("\r\n", "\n"),
        };
        // A template that parses and names only known variables can still fail at run time (a filter
        // on a value of the wrong type, an empty optional): try both ways now.
        let mut without_optionals = event.sample_values();
        for v in event.variables().iter().filter(|v| v.optional) {
            without_optionals.set_opt(v.name, None::<String>);
        }
        for values in [event.sample_values(), without_optionals] {
            if let Err(err) = template.render(&values) {
                let message = match err {
                    RenderError::Template { message, .. } => message,
                    other => other.to_string(),
                };
                let field = if message.contains("(in subject") {
                    "subject"
                } else {
                    "body"
                };
                return Err(ValidationErrors::single(field, message));
            }
        }
        Ok(template)
    }

    /// Renders with `values`, which must be for this template's event.
    pub fn render(&self, values: &MessageValues) -> Result<Rendered, RenderError> {
        let event = self.event.as_str();
        if values.event != self.event {
            return Err(RenderError::Template {
                event,
                message: format!("values are for the {} message", values.event),
            });
        }
        let context = values.context()?;
        let env = environment();
        let render = |name: &str, source: &str| {
            env.render_named_str(name, source, &context)
                .map_err(|e| RenderError::Template {
                    event,
                    message: describe(&e),
                })
        };
        let subject = render("subject", &self.subject)?;
        let body = render("body", &self.body)?;
        Ok(Rendered {
            // One line: a value with a line break must not be able to add a mail header.
            subject: subject.split_whitespace().collect::<Vec<_>>().join(" "),
            body,
        })
    }
}

fn check_part(
    env: &Environment<'static>,
    event: MessageEvent,
    source: &str,
    max: usize,
    one_line: bool,
) -> Result<(), String> {
    if source.trim().is_empty() {
        return Err("must not be empty".into());
    }
    let chars = source.chars().count();
    if chars > max {
        return Err(format!("is {chars} characters long; at most {max}"));
    }
    if one_line && source.trim().contains(['\n', '\r']) {
        return Err("must be one line".into());
    }
    let template = env.template_from_str(source).map_err(|e| describe(&e))?;
    let mut unknown: Vec<String> = template
        .undeclared_variables(false)
        .into_iter()
        .filter(|name| event.variable(name).is_none() && !BUILTIN_GLOBALS.contains(&name.as_str()))
        .collect();
    unknown.sort();
    match unknown.first() {
        None => Ok(()),
        Some(name) => {
            let offered: Vec<&str> = event.variables().iter().map(|v| v.name).collect();
            let what = if unknown.len() == 1 {
                format!("'{name}' is not a variable")
            } else {
                format!(
                    "{} are not variables",
                    unknown
                        .iter()
                        .map(|n| format!("'{n}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            Err(format!(
                "{what} of the {} message; it offers: {}",
                event.as_str(),
                offered.join(", ")
            ))
        }
    }
}

/// minijinja's error as one sentence with the line it is on.
fn describe(err: &minijinja::Error) -> String {
    let detail = err.detail().unwrap_or("invalid template");
    let kind = match err.kind() {
        minijinja::ErrorKind::SyntaxError => "syntax error",
        minijinja::ErrorKind::UndefinedError => "undefined value",
        _ => "error",
    };
    match (err.name(), err.line()) {
        (Some(name), Some(line)) => format!("{kind} on line {line}: {detail} (in {name})"),
        (None, Some(line)) => format!("{kind} on line {line}: {detail}"),
        _ => format!("{kind}: {detail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_and_message(err: ValidationErrors) -> (String, String) {
        let e = &err.errors[0];
        (e.field.clone(), e.message.clone())
    }

    #[test]
    fn a_template_using_only_offered_variables_is_accepted_and_renders() {
        let t = MessageTemplate::parse(
            MessageEvent::Rejection,
            "Your application for {{ role_title }}",
            "Dear {{ candidate_name }},\n{% if reason_label %}Reason: {{ reason_label }}\n{% endif %}",
        )
        .unwrap();
        let mut values = MessageValues::new(MessageEvent::Rejection);
        values
            .set("candidate_name", "Ana")
            .set("role_title", "Go Engineer")
            .set_opt("reason_label", None::<String>);
        let r = t.render(&values).unwrap();
        assert_eq!(r.subject, "Your application for Go Engineer");
        assert_eq!(r.body, "Dear Ana,\n");
    }

    #[test]
    fn an_unknown_variable_is_refused_naming_it_and_the_event() {
        let err = MessageTemplate::parse(
            MessageEvent::Rejection,
            "Hello",
            "Dear {{ candidate_name }}, your interview is at {{ starts_at }}",
        )
        .unwrap_err();
        let (field, message) = field_and_message(err);
        assert_eq!(field, "body");
        assert!(
            message.starts_with("'starts_at' is not a variable of the rejection message"),
            "{message}"
        );
        assert!(
            message.contains("candidate_name, role_title, reason_label"),
            "{message}"
        );

        let err = MessageTemplate::parse(MessageEvent::Offer, "{{ salary }} for {{ bonus }}", "x")
            .unwrap_err();
        let (field, message) = field_and_message(err);
        assert_eq!(field, "subject");
        assert!(
            message.starts_with("'bonus', 'salary' are not variables of the offer message"),
            "{message}"
        );
    }

    #[test]
    fn syntax_errors_name_the_field_and_line() {
        let err =
            MessageTemplate::parse(MessageEvent::Invite, "Invite", "Line one\n{{ role_title ")
                .unwrap_err();
        let (field, message) = field_and_message(err);
        assert_eq!(field, "body");
        assert!(message.starts_with("syntax error on line 2"), "{message}");
        let err = MessageTemplate::parse(MessageEvent::Invite, "{% if %}", "ok").unwrap_err();
        assert_eq!(field_and_message(err).0, "subject");
    }

    #[test]
    fn empty_long_and_multi_line_subjects_are_refused() {
        let err = MessageTemplate::parse(MessageEvent::Offer, " ", "").unwrap_err();
        assert_eq!(err.errors.len(), 2);
        assert_eq!(err.message_for("subject"), Some("must not be empty"));
        let err = MessageTemplate::parse(MessageEvent::Offer, "a\nb", "body").unwrap_err();
        assert_eq!(err.message_for("subject"), Some("must be one line"));
        let long = "x".repeat(MAX_BODY_CHARS + 1);
        let err = MessageTemplate::parse(MessageEvent::Offer, "s", &long).unwrap_err();
        assert!(err.message_for("body").unwrap().contains("at most 20000"));
    }

    #[test]
    fn run_time_failures_are_caught_at_save_time() {
        // Parses and names a known variable, but an attribute of a string is undefined.
        let err = MessageTemplate::parse(MessageEvent::Offer, "Offer", "{{ role_title.salary }}")
            .unwrap_err();
        let (field, message) = field_and_message(err);
        assert_eq!(field, "body");
        assert!(message.contains("undefined"), "{message}");
        // An optional variable that is empty must be tested before it is used in a way that fails.
        let err = MessageTemplate::parse(MessageEvent::Offer, "Offer", "{{ start_date.year }}")
            .unwrap_err();
        assert_eq!(field_and_message(err).0, "body");
    }

    #[test]
    fn rendering_needs_every_required_value_and_no_unknown_ones() {
        let t = MessageTemplate::parse(MessageEvent::Offer, "Offer", "{{ terms }}").unwrap();
        let mut values = MessageValues::new(MessageEvent::Offer);
        values
            .set("candidate_name", "Ana")
            .set("role_title", "Go")
            .set("pay", "1 USD/yr");
        assert_eq!(
            t.render(&values).unwrap_err().to_string(),
            "the offer message needs 'terms', which was not given"
        );
        values.set("terms", "Pay: 1 USD/yr").set("salary", "1");
        assert!(matches!(
            t.render(&values),
            Err(RenderError::Unknown { .. })
        ));
    }

    #[test]
    fn values_cannot_add_lines_to_the_subject_and_are_not_html_escaped() {
        let t = MessageTemplate::parse(
            MessageEvent::Rejection,
            "About {{ role_title }}",
            "{{ candidate_name }}",
        )
        .unwrap();
        let mut values = MessageValues::new(MessageEvent::Rejection);
        values
            .set("candidate_name", "Zoë <O'Brien> & co")
            .set("role_title", "Go\r\nBcc: everyone@example.com");
        let r = t.render(&values).unwrap();
        assert_eq!(r.subject, "About Go Bcc: everyone@example.com");
        assert_eq!(r.body, "Zoë <O'Brien> & co");
    }

    #[test]
    fn builtin_functions_are_allowed() {
        assert!(MessageTemplate::parse(
            MessageEvent::Offer,
            "Offer",
            "{% for i in range(2) %}{{ i }}{% endfor %}"
        )
        .is_ok());
    }
}
