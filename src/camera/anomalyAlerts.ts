// Optional alerts when the verdict turns to ANOMALY: a short beep (Web Audio, so no sound file is
// shipped) and a vibration where the device has a motor.
const beepHz = 880;
const beepSeconds = 0.18;
const beepGain = 0.2;
const vibrationMs = 200;

let audio: AudioContext | null = null;

/** Call from the click that turns sound on: browsers only allow audio after a user gesture. */
export function unlockSound(): void {
  audio ??= new AudioContext();
  void audio.resume();
}

export function beep(): void {
  if (!audio) return;
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.frequency.value = beepHz;
  gain.gain.value = beepGain;
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start();
  oscillator.stop(audio.currentTime + beepSeconds);
}

export function vibrate(): void {
  navigator.vibrate?.(vibrationMs);
}
