// Tests only: how the JVM this Neo4j runs in collects garbage, read from its JMX beans,
// so a test can check that a Neo4j started with the launcher's served_gc runs the
// collector and pause goal that docker-compose.yml gives Neo4j (G1, not the serial
// collector, which stops the world for every collection).
// Parameters: none.
// Returns: collectors (names of the collector beans, e.g. "G1 Young Generation"),
//          jvm_arguments (the JVM's command-line options).
CALL dbms.queryJmx('java.lang:type=GarbageCollector,*') YIELD attributes
WITH collect(attributes.Name.value) AS collectors
CALL dbms.queryJmx('java.lang:type=Runtime') YIELD attributes
RETURN collectors, attributes.InputArguments.value AS jvm_arguments
