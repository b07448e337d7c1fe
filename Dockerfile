# The Streamlytics image: docker build -t streamlytics:local .
# Builds the fat jar inside the image, so that nothing but Docker is needed.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY topology topology
COPY app app
COPY bench/pom.xml bench/pom.xml
RUN mvn -B -q -pl app -am -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /var/lib/streamlytics streamlytics \
    && mkdir -p /var/lib/streamlytics && chown streamlytics /var/lib/streamlytics
COPY --from=build /src/app/target/streamlytics.jar /opt/streamlytics/streamlytics.jar
USER streamlytics
ENV STREAMLYTICS_HTTP_PORT=8080 \
    STREAMLYTICS_STATE_DIR=/var/lib/streamlytics
EXPOSE 8080
VOLUME /var/lib/streamlytics
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-jar", "/opt/streamlytics/streamlytics.jar"]
CMD ["serve"]
