//! The phases of a project's life (governance.md, "Life of a project").
//!
//! The rules for moving between phases are enforced when phase decisions are built; this module
//! names the phases.

/// The phase a project is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    Idea,
    PreStudy,
    Planning,
    Execution,
    Closing,
    Maintenance,
    Cancelled,
}

impl Phase {
    pub const ALL: [Phase; 7] = [
        Phase::Idea,
        Phase::PreStudy,
        Phase::Planning,
        Phase::Execution,
        Phase::Closing,
        Phase::Maintenance,
        Phase::Cancelled,
    ];

    /// The name stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Idea => "idea",
            Phase::PreStudy => "pre_study",
            Phase::Planning => "planning",
            Phase::Execution => "execution",
            Phase::Closing => "closing",
            Phase::Maintenance => "maintenance",
            Phase::Cancelled => "cancelled",
        }
    }

    pub fn parse(raw: &str) -> Result<Phase, &'static str> {
        Phase::ALL
            .into_iter()
            .find(|phase| phase.as_str() == raw.trim())
            .ok_or("error-unknown-choice")
    }

    /// The catalog key of the phase's name (Idé, Förstudie, …).
    pub fn label_key(self) -> &'static str {
        match self {
            Phase::Idea => "phase-idea",
            Phase::PreStudy => "phase-pre_study",
            Phase::Planning => "phase-planning",
            Phase::Execution => "phase-execution",
            Phase::Closing => "phase-closing",
            Phase::Maintenance => "phase-maintenance",
            Phase::Cancelled => "phase-cancelled",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_round_trip_through_their_names() {
        for phase in Phase::ALL {
            assert_eq!(Phase::parse(phase.as_str()), Ok(phase));
        }
        assert_eq!(Phase::parse("done"), Err("error-unknown-choice"));
    }
}
