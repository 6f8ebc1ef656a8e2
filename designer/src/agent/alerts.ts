const SOUND_KEY = "relais.agent.sound";

export const soundWanted = (): boolean => localStorage.getItem(SOUND_KEY) === "1";
export const setSoundWanted = (on: boolean): void => localStorage.setItem(SOUND_KEY, on ? "1" : "0");

let audio: AudioContext | undefined;

/** A short two-tone chime, synthesised so there is no sound file to ship or load. */
export function chime(): void {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.15, 660],
    ] as const) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.15, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.25);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.25);
    }
  } catch {
    // No audio device or autoplay refused: the badge still shows the new work.
  }
}

/** `(3) Relais` in the tab title while there is unseen work. */
export function titleBadge(count: number, base: string): void {
  document.title = count > 0 ? `(${count}) ${base}` : base;
}
