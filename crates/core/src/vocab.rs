//! The closed vocabularies of the domain (levels, stages, statuses…) share one shape: a snake_case
//! name used in the API, the database and the CLI, a human label for the UI, and a parse that lists
//! the known values when it fails. This macro gives every such enum that shape.

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident, $kind:literal {
        $($(#[$vdoc:meta])* $variant:ident => $text:literal, $label:literal;)+
    }) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every value, in the domain's natural order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The API names of every value, in the same order.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// How the UI shows this value.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            /// Accepts the API name in any case, with `-` or space in place of `_`.
            fn from_str(raw: &str) -> Result<Self, String> {
                let wanted = raw.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == wanted)
                    .ok_or_else(|| crate::error::unknown_value($kind, raw, $name::NAMES))
            }
        }
    };
}

pub(crate) use vocabulary;

#[cfg(test)]
mod tests {
    use crate::{
        candidate::Region, level::Level, money::RatePeriod, pipeline::Stage, role::RoleStatus,
        user::UserRole,
    };

    /// The serde name and `as_str` must agree, or the API and the database would disagree.
    fn assert_names_agree<T: serde::Serialize + Copy + std::fmt::Display>(all: &[T]) {
        for v in all {
            let json = serde_json::to_string(v).unwrap_or_default();
            assert_eq!(json, format!("\"{v}\""));
        }
    }

    #[test]
    fn serde_names_match_api_names() {
        assert_names_agree(Level::ALL);
        assert_names_agree(Stage::ALL);
        assert_names_agree(RoleStatus::ALL);
        assert_names_agree(UserRole::ALL);
        assert_names_agree(Region::ALL);
        assert_names_agree(RatePeriod::ALL);
    }

    #[test]
    fn parse_is_forgiving_about_case_and_separators_and_lists_known_values() {
        assert_eq!("Take-Home".parse::<Stage>(), Ok(Stage::TakeHome));
        assert_eq!("system design".parse::<Stage>(), Ok(Stage::SystemDesign));
        let err = "principal".parse::<Level>().unwrap_err();
        assert!(err.contains("unknown level 'principal'"), "{err}");
        assert!(err.contains("junior, mid, senior"), "{err}");
    }
}
