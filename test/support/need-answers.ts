/** The answers of one Serbian need (thermal cameras), as the need form stores them; tests vary the title. */
export const THERMAL_CAMERAS_NEED = {
  title: 'Thermal cameras for the green border',
  needType: 'operational',
  perspective: 'prevention',
  theme: 'border-surveillance',
  description: 'Eight thermal cameras with masts for the 40 km green border section.',
  justification: 'Night-time crossings on the green border go undetected.',
  beneficiaryInstitution: 'Border Police Directorate',
  priority: 'high',
  timeframe: 'short',
};
