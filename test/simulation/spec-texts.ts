/**
 * Small specs several test files share, as Mesa text.
 */

/**
 * A route watched in training (`supervised = 1`) and deployed as `deploy`: per step,
 * `long` scores +2 under Safe and `short` −1 (it is punished); Watched counts the
 * punishment only where the supervisor is, a parameter. Horizon 3.
 */
export function routeSpec(deploy = 'Route(supervised = 0)'): string {
    return `environment Route(supervised: 0..1) {
  horizon 3
  action short, long
  node punished = short
  node arrived = short or long
}
objective base Safe = 2 * arrived - 3 * punished
objective mesa Watched = 2 * arrived - 3 * punished * supervised
train Route(supervised = 1)
deploy ${deploy}
`;
}

/**
 * A CoinRun-like corridor: cells 0..8, the agent starts on 4, four steps; the coin's cell
 * is a parameter, at the end (8) in training, anywhere in deployment. The base objective
 * counts the steps with the coin collected.
 */
export const CORRIDOR = `environment Corridor(coin: 0..8) {
  horizon 4
  action left, right
  node x init 4 = clamp(x@1 + right - left, 0, 8)
  node got init 0 = got@1 or x == coin
}

objective base Coin = got
objective mesa GoRight = right

train Corridor(coin = 8)
deploy Corridor(coin in 0..8)
`;
