// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

/// @title TestAggregator
/// @notice A price feed with Chainlink's AggregatorV3Interface (decimals, description, version, getRoundData,
///         latestRoundData) for local chains and tests. Its owner (the deployer) pushes answers; each push opens a
///         new round stamped with the block time and answered in itself, as a healthy feed does. For tests, the
///         owner may also write any round with arbitrary times and answeredInRound, to play a stale, unanswered or
///         broken feed. The events are those of Chainlink's AggregatorInterface, so tools that follow feeds read it.
contract TestAggregator {
    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
        uint80 answeredInRound;
    }

    uint8 public immutable decimals;
    string public description;
    uint256 public constant version = 4;
    address public immutable owner;
    /// The newest round id; 0 while no round exists.
    uint80 public latestRound;

    mapping(uint80 => Round) private rounds;

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    event NewRound(uint256 indexed roundId, address indexed startedBy, uint256 startedAt);

    error OwnableUnauthorizedAccount(address account);
    /// The round does not exist (Chainlink's aggregators revert with "No data present" there).
    error NoDataPresent(uint80 roundId);
    /// Round 0 means "no round" in this interface.
    error InvalidRoundId(uint80 roundId);

    modifier onlyOwner() {
        if (msg.sender != owner) revert OwnableUnauthorizedAccount(msg.sender);
        _;
    }

    /// @param initialAnswer the first answer, pushed as round 1; 0 leaves the feed without any round
    constructor(uint8 decimals_, string memory description_, int256 initialAnswer) {
        decimals = decimals_;
        description = description_;
        owner = msg.sender;
        if (initialAnswer != 0) {
            _push(initialAnswer);
        }
    }

    /// Opens the next round with this answer, stamped now and answered in itself.
    function updateAnswer(int256 answer) external onlyOwner {
        _push(answer);
    }

    /// For tests: writes round `roundId` as given. It becomes the latest round when its id is not below the latest.
    function setRound(uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
        external
        onlyOwner
    {
        if (roundId == 0) revert InvalidRoundId(roundId);
        rounds[roundId] = Round(answer, startedAt, updatedAt, answeredInRound);
        if (roundId >= latestRound) {
            latestRound = roundId;
        }
        emit NewRound(roundId, msg.sender, startedAt);
        emit AnswerUpdated(answer, roundId, updatedAt);
    }

    function getRoundData(uint80 roundId)
        external
        view
        returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return _round(roundId);
    }

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return _round(latestRound);
    }

    /// AggregatorInterface (v2) reads, for older consumers.
    function latestAnswer() external view returns (int256) {
        return rounds[latestRound].answer;
    }

    function latestTimestamp() external view returns (uint256) {
        return rounds[latestRound].updatedAt;
    }

    function _push(int256 answer) private {
        uint80 roundId = latestRound + 1;
        rounds[roundId] = Round(answer, block.timestamp, block.timestamp, roundId);
        latestRound = roundId;
        emit NewRound(roundId, msg.sender, block.timestamp);
        emit AnswerUpdated(answer, roundId, block.timestamp);
    }

    function _round(uint80 roundId) private view returns (uint80, int256, uint256, uint256, uint80) {
        Round memory round = rounds[roundId];
        if (roundId == 0 || round.updatedAt == 0 && round.startedAt == 0 && round.answeredInRound == 0) {
            revert NoDataPresent(roundId);
        }
        return (roundId, round.answer, round.startedAt, round.updatedAt, round.answeredInRound);
    }
}
