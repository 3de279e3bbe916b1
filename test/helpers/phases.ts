/**
 * The phases a whole run of the button-lamp example tells on one thread, in order
 * (docs/simulation.md, Progress): what every layer that passes them on must show.
 */
export const BUTTON_LAMP_PHASES = [
    'exploring Lab',
    'exploring LabWithSwitch',
    'analysing Pressing',
    'analysing Lighting',
    'sampling episodes',
    'identifiability and EPIC distance',
    'candidate objectives and distinguishing environments',
    'learning path',
];
